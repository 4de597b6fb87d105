import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import { testTiers } from './test/tiers.js';

/**
 * How many test files run at once, across all four tiers (they run together, as one group). Vitest's
 * default is one worker less than the cores: on a 2-core machine one, so that the whole suite ran
 * one file at a time, although most files of the adapters, http and system tiers spend their time
 * waiting on sockets, Redis, child processes and Chromium rather than computing. One file per core
 * (two at least) keeps the cores busy while a file waits; three on two cores starved the timing
 * checks of the Redis Cluster and burst tests on a busy machine. `--maxWorkers N` overrides it.
 */
const MAX_WORKERS = Math.max(2, availableParallelism());

/**
 * Four tiers, each a vitest project chosen by folder: a new test file belongs to the tier of the
 * folder it is put in (test/architecture/test-tiers.test.ts checks that each belongs to exactly one).
 * Run one with `npm run test:core` (or test:adapters, test:http, test:system); `npm test` runs all four.
 */
export default defineConfig({
  test: {
    testTimeout: 20_000,
    hookTimeout: 30_000,
    setupFiles: ['test/support/property-setup.ts'],
    maxWorkers: MAX_WORKERS,
    projects: testTiers.map((tier) => ({
      extends: true,
      test: {
        name: tier.name,
        include: [...tier.include],
        pool: tier.pool,
        isolate: tier.isolate ?? true,
        ...(tier.timeouts ?? {}),
      },
    })),
  },
});
