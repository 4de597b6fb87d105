import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { parseJsonOrUndefined } from './domain/shared/safe-json.js';

/** Signet's version, as package.json gives it. */
export function signetVersion(): string {
  const text = readFileSync(new URL('../package.json', import.meta.url), 'utf8');
  const parsed = z.object({ version: z.string() }).safeParse(parseJsonOrUndefined(text));
  return parsed.success ? parsed.data.version : 'unknown';
}
