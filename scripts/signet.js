// `npm run signet -- <command>`: runs the command line as compiled JavaScript. The sources are
// compiled on first use into node_modules/.cache/signet-cli/<key>/, where the key is a hash of every
// file of src/, of package.json and of this file: a changed source makes a new key, so it is never
// run stale, and an unchanged tree starts at once. Compiling takes esbuild well under a second; the
// tree keeps the layout of the repository (src/ beside package.json) so that modules find their
// templates and the version relative to themselves, as they do in dist/.
import { createHash } from 'node:crypto';
import {
  accessSync,
  constants,
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');
const KEPT_TREES = 3;
const STALE_STAGING_MS = 10 * 60_000;

const files = filesUnder(src).sort();
const key = sourceKey(files);
const cacheRoot = writableCacheRoot();
const tree = join(cacheRoot, key);
if (!existsSync(join(tree, 'complete'))) await compile(files, cacheRoot, tree);
await import(pathToFileURL(join(tree, 'src', 'cli.js')).href);

function sourceKey(sources) {
  // This file is hashed too, so that a change to the way of compiling compiles afresh.
  const hash = createHash('sha256').update(`${process.version.split('.')[0]}\0`);
  for (const file of [fileURLToPath(import.meta.url), join(root, 'package.json'), ...sources]) {
    hash.update(`${relative(root, file)}\0`);
    hash.update(readFileSync(file));
    hash.update('\0');
  }
  return hash.digest('hex').slice(0, 24);
}

/**
 * node_modules/.cache/signet-cli, or when node_modules is read-only a folder of the OS's temporary
 * one; that one only when this user owns it and no one else may write to it, since whoever can
 * write the compiled tree chooses what the command line runs.
 */
function writableCacheRoot() {
  const inRepository = join(root, 'node_modules', '.cache', 'signet-cli');
  const inTemporary = join(tmpdir(), `signet-cli-${safeUid()}`);
  for (const candidate of [inRepository, inTemporary]) {
    try {
      mkdirSync(candidate, { recursive: true, mode: 0o700 });
      accessSync(candidate, constants.W_OK);
      if (candidate === inTemporary && !ownedAndPrivate(candidate)) continue;
      return candidate;
    } catch {
      // not writable: try the next place
    }
  }
  throw new Error('signet: found no writable folder to compile the command line into');
}

function ownedAndPrivate(dir) {
  const { uid, mode } = statSync(dir);
  return typeof process.getuid !== 'function' || (uid === process.getuid() && (mode & 0o022) === 0);
}

async function compile(sources, cacheRoot, tree) {
  const { build } = await import('esbuild');
  // Compiled beside its final place and renamed into it, so that a command started meanwhile never
  // sees half a tree, and two first runs at once both end with a whole one.
  const staging = `${tree}.${process.pid}.tmp`;
  rmSync(staging, { recursive: true, force: true });
  await build({
    entryPoints: sources.filter((file) => file.endsWith('.ts')),
    outdir: join(staging, 'src'),
    outbase: src,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  for (const file of sources) if (!file.endsWith('.ts')) cpSync(file, join(staging, relative(root, file)));
  cpSync(join(root, 'package.json'), join(staging, 'package.json'));
  writeFileSync(join(staging, 'complete'), '');
  try {
    renameSync(staging, tree);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    if (!existsSync(join(tree, 'complete'))) throw error;
  }
  prune(cacheRoot);
}

/**
 * Older trees go, but the newest few stay: a command still running from one (started before an
 * edit) may yet import a module of it. So do the leftovers of a compile killed halfway. Best effort:
 * another command may be pruning at the same time.
 */
function prune(cacheRoot) {
  const entries = readdirSync(cacheRoot).flatMap((name) => {
    try {
      return [{ name, mtime: statSync(join(cacheRoot, name)).mtimeMs }];
    } catch {
      return [];
    }
  });
  const trees = entries.filter(({ name }) => /^[0-9a-f]{24}$/.test(name)).sort((a, b) => b.mtime - a.mtime);
  const staleStaging = entries.filter(({ name, mtime }) => name.endsWith('.tmp') && Date.now() - mtime > STALE_STAGING_MS);
  for (const { name } of [...trees.slice(KEPT_TREES), ...staleStaging]) {
    rmSync(join(cacheRoot, name), { recursive: true, force: true });
  }
}

function filesUnder(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

function safeUid() {
  return typeof process.getuid === 'function' ? process.getuid() : 'user';
}
