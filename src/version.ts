import { readFileSync } from 'node:fs';
import { z } from 'zod';

/** Signet's version, as package.json gives it. */
export function signetVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed = z.object({ version: z.string() }).safeParse(JSON.parse(text));
  return parsed.success ? parsed.data.version : 'unknown';
}
