import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const run = promisify(execFile);

/** Files that break the project's own rules, laid out as in the repository, with the rule each line must trip. */
const probes: Record<string, string> = {
  'src/probe.ts': `import { readFile } from 'node:fs/promises';
declare const untyped: any; // typescript(no-explicit-any)
export async function probe(text: string, response: Response, items: string[]): Promise<void> {
  readFile('x'); // typescript(no-floating-promises)
  items.forEach(async (item) => { await readFile(item); }); // typescript(no-misused-promises)
  const leaked = untyped; // typescript(no-unsafe-assignment)
  console.log(leaked, JSON.parse(text) as unknown); // eslint(no-restricted-properties)
  console.log(await response.json()); // signet(no-restricted-syntax)
  if (text === 'throw') throw 'not an error'; // typescript(only-throw-error)
  console.log(\`\${{ a: 1 }}\`); // typescript(restrict-template-expressions) typescript(no-base-to-string)
  console.log(items[0]!); // typescript(no-non-null-assertion)
  if (text == 'x') console.log(text); // eslint(eqeqeq)
}
`,
  'src/domain/shared/safe-json.ts': `export function parse(text: string): unknown {
  return JSON.parse(text) as unknown;
}
`,
  'test/probe.test.ts': `import { readFile } from 'node:fs/promises';
export async function probe(items: string[], text: string, response: Response): Promise<void> {
  readFile('x');
  console.log(items[0]!, JSON.parse(text), await response.json());
  items.forEach(async (item) => { await readFile(item); }); // signet(no-restricted-syntax)
  items.forEach(async function (item) { await readFile(item); }); // signet(no-restricted-syntax)
  items.forEach((item) => console.log(item));
}
`,
  'bench/probe.ts': `import { readFile } from 'node:fs/promises';
declare const untyped: () => any; // typescript(no-explicit-any)
export function probe(items: string[]): void {
  readFile('x'); // typescript(no-floating-promises)
  const leaked = untyped();
  console.log(leaked, items[0]!);
}
`,
};

/** What each probe's comments say must be reported: "file:line rule". */
function expected(): string[] {
  return Object.entries(probes).flatMap(([file, text]) =>
    text.split('\n').flatMap((line, index) => {
      const comment = line.split('// ')[1] ?? '';
      return [...comment.matchAll(/\w+\([\w-]+\)/g)].map(([rule]) => `${file}:${index + 1} ${rule}`);
    }),
  );
}

interface Diagnostic {
  code: string;
  filename: string;
  labels: { span: { line: number } }[];
}

describe('npm run lint, on code that breaks the rules', () => {
  let dir = '';

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'signet-lint-'));
    for (const file of ['.oxlintrc.json', 'tsconfig.json', 'lint'])
      cpSync(join(root, file), join(dir, file), { recursive: true });
    symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
    for (const [file, text] of Object.entries(probes)) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      writeFileSync(join(dir, file), text);
    }
  });

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('reports each broken rule where it applies, type-aware ones included, and nothing else', async () => {
    const oxlint = join(root, 'node_modules/oxlint/bin/oxlint');
    const result = await run(process.execPath, [oxlint, '--format', 'json'], { cwd: dir }).catch(
      (error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }),
    );
    const { diagnostics } = JSON.parse(result.stdout) as { diagnostics: Diagnostic[] };
    const reported = diagnostics.map((d) => `${d.filename}:${d.labels[0]?.span.line} ${d.code}`);
    expect(reported.sort()).toEqual(expected().sort());
  });
});
