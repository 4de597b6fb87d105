// `npm run build [-- --out-dir DIR]`: compiles src/ to JavaScript in dist/ (or DIR), and copies every
// file of src/ that is not TypeScript (templates, stylesheets, scripts for the pages) to the same
// place beside it, since the compiled modules find them relative to themselves.
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string', default: 'dist' } } });
const outDir = resolve(root, values['out-dir']);
const src = join(root, 'src');

rmSync(outDir, { recursive: true, force: true });
// TypeScript 7's native compiler, found from its package.json (its exports name no bin/ path).
const typescript = dirname(createRequire(import.meta.url).resolve('typescript7/package.json'));
const tsc = join(typescript, 'bin', 'tsc');
const compiled = spawnSync(process.execPath, [tsc, '-p', join(root, 'tsconfig.build.json'), '--outDir', outDir], {
  stdio: 'inherit',
});
if (compiled.status !== 0) process.exit(compiled.status ?? 1);

let copied = 0;
for (const file of filesUnder(src)) {
  if (file.endsWith('.ts')) continue;
  cpSync(file, join(outDir, relative(src, file)));
  copied += 1;
}
console.log(`built ${relative(root, outDir) || '.'}: compiled src/ and copied ${copied} other files`);

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}
