import { defineConfig } from 'vitest/config';
import { testTiers } from './test/tiers.js';

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
