/**
 * What counting a refused signed request costs on the request path: `CountAuthFailures.record`, a
 * Map update, timed over millions of calls (the writing out, every ten seconds, is off the path).
 *
 *     npx tsx bench/auth-failures.bench.ts
 */
import { CountAuthFailures } from '../src/application/admin/count-auth-failures.js';
import type { FailureCount } from '../src/domain/admin/failure-tally.js';

const written: FailureCount[][] = [];
const counter = new CountAuthFailures({
  auditLog: {
    append: async () => {},
    list: async () => [],
    addFailureCounts: async (counts) => {
      written.push([...counts]);
    },
    listFailureCounts: async () => [],
    ping: async () => {},
  },
  logger: { info() {}, warn() {}, error() {} },
});

const keys = ['483a570a', '5f0c2a7e', null];
const reasons = ['api_auth.signature_error', 'api_auth.timestamp_rift'] as const;
const started = Date.now();
const calls = 2_000_000;
for (let round = 1; round <= 5; round += 1) {
  const before = process.hrtime.bigint();
  for (let i = 0; i < calls; i += 1) counter.record(keys[i % 3]!, reasons[i % 2]!, started + i);
  const nanoseconds = Number(process.hrtime.bigint() - before) / calls;
  await counter.flush();
  console.log(`round ${round}: ${nanoseconds.toFixed(0)} ns per refusal counted; ${written.at(-1)?.length ?? 0} sums written`);
}
