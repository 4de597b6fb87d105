/** One tier of the test suite: a vitest project whose files are chosen by the folder they sit in. */
export interface TestTier {
  name: 'core' | 'adapters' | 'http' | 'system';
  /** Globs relative to the repository's root. */
  include: readonly string[];
  /** Threads start faster; forks isolate suites that start processes, servers or native clients. */
  pool: 'threads' | 'forks';
  /** False when the tier's files may share a worker's imported modules; true (vitest's default) otherwise. */
  isolate?: boolean;
  timeouts?: { testTimeout: number; hookTimeout: number };
}

export const testTiers: readonly TestTier[] = [
  {
    // The domain, the use cases and whatever else runs with no socket, no process and no wall clock.
    name: 'core',
    include: ['test/unit/**/*.test.ts', 'test/architecture/**/*.test.ts'],
    pool: 'threads',
    // Core files share no state but modules, so one worker reuses what it imported for the next file.
    isolate: false,
  },
  {
    // Each adapter against its real backend (a private or shared Redis, the MongoDB wire fake) and
    // the contract suites every adapter of a port passes.
    name: 'adapters',
    include: ['test/adapters/**/*.test.ts', 'test/contract/**/*.test.ts'],
    pool: 'forks',
  },
  {
    // The app over real sockets, or in process where the socket is not the point.
    name: 'http',
    include: ['test/http/**/*.test.ts'],
    pool: 'forks',
    // Each file starts its own runtime and stops it, and no file mocks a module, so a worker keeps
    // what it imported for the next file: importing the whole runtime anew for each of ~90 files
    // took longer than their tests did (34 min of wall clock against 14 min inside the files, one
    // worker at a time, on a busy 2-core machine).
    isolate: false,
  },
  {
    // Whole processes, Chromium, the build, the docs run as pasted and the bench: each waits for a
    // condition, so the ceilings are generous enough for a machine under load.
    name: 'system',
    include: ['test/e2e/**/*.test.ts', 'test/deploy/**/*.test.ts', 'test/system/**/*.test.ts'],
    pool: 'forks',
    timeouts: { testTimeout: 180_000, hookTimeout: 180_000 },
  },
];
