import { execFile } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const run = promisify(execFile);
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0' };

async function timed(file: string, args: string[], cwd = root): Promise<{ ms: number; stdout: string }> {
  const started = performance.now();
  const { stdout } = await run(file, args, { cwd, env });
  return { ms: Math.round(performance.now() - started), stdout };
}

async function medianOf(
  count: number,
  run: () => Promise<{ ms: number; stdout: string }>,
): Promise<{ ms: number; stdout: string }> {
  const runs: { ms: number; stdout: string }[] = [];
  for (let index = 0; index < count; index += 1) runs.push(await run());
  return runs.sort((a, b) => a.ms - b.ms)[Math.floor(count / 2)] ?? { ms: Number.NaN, stdout: '' };
}

describe('the command line starts as compiled JavaScript', () => {
  it('answers `npm run signet -- --help`, and reports how long that and its own start take', { timeout: 180_000 }, async () => {
    // The first run may compile the sources; the figures are the medians of the runs after it.
    await timed(process.execPath, ['scripts/signet.js', '--version']);
    const direct = await medianOf(3, () => timed(process.execPath, ['scripts/signet.js', '--help']));
    const npm = await medianOf(3, () => timed('npm', ['run', '--silent', 'signet', '--', '--help']));
    const npmAlone = await medianOf(3, () => timed('npm', ['run', '--silent', 'env']));
    expect(npm.stdout).toContain("Signet's command line");
    expect(direct.stdout).toBe(npm.stdout);
    console.log(
      `npm run signet -- --help: ${npm.ms} ms; the command line itself (node scripts/signet.js --help): ${direct.ms} ms; ` +
        `npm's own start-up (npm run env): ${npmAlone.ms} ms; medians of 3, load average ${loadavg()[0]?.toFixed(1)}`,
    );
    // A report, not a benchmark: the ceiling only catches a return to compiling on every start.
    expect(npm.ms).toBeLessThan(60_000);
  });

  describe('in a tree of its own', () => {
    const tree = mkdtempSync(join(tmpdir(), 'signet-cli-start-'));
    afterAll(() => rmSync(tree, { recursive: true, force: true }));
    mkdirSync(join(tree, 'scripts'));
    mkdirSync(join(tree, 'src'));
    mkdirSync(join(tree, 'node_modules'));
    cpSync(join(root, 'scripts', 'signet.js'), join(tree, 'scripts', 'signet.js'));
    writeFileSync(join(tree, 'package.json'), JSON.stringify({ name: 'cli-start', type: 'module' }));
    symlinkSync(join(root, 'node_modules', 'esbuild'), join(tree, 'node_modules', 'esbuild'));
    const cli = join(tree, 'src', 'cli.ts');
    const write = (word: string): void => {
      writeFileSync(cli, `const word: string = '${word}';\nconsole.log(word);\n`);
      // The same size and the same time each write: only the content tells them apart.
      utimesSync(cli, new Date(1_800_000_000_000), new Date(1_800_000_000_000));
    };
    const signet = async (): Promise<string> => (await timed(process.execPath, ['scripts/signet.js'], tree)).stdout.trim();

    it('never runs a changed source stale, even one of the same size and time', { timeout: 60_000 }, async () => {
      write('one');
      expect(await signet()).toBe('one');
      expect(await signet()).toBe('one');
      write('two');
      expect(await signet()).toBe('two');
      write('one');
      expect(await signet()).toBe('one');
    });

    it('lets three first runs at once each run a whole compiled tree', { timeout: 60_000 }, async () => {
      write('six');
      expect(await Promise.all([signet(), signet(), signet()])).toEqual(['six', 'six', 'six']);
    });
  });
});
