import { describe, expect, it } from 'vitest';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log.js';
import { CountAuthFailures } from '../../../../src/application/admin/count-auth-failures.js';
import type { FailureCount } from '../../../../src/domain/admin/failure-tally.js';

const at = Date.UTC(2026, 10, 28, 12);
const quiet = { info() {}, warn() {}, error() {} };

describe('counting refused requests', () => {
  it('writes nothing until flushed, then the sums', async () => {
    const log = new MemoryAuditLog();
    const counter = new CountAuthFailures({ auditLog: log, logger: quiet });
    for (let i = 0; i < 1000; i += 1) counter.record('k1', 'api_auth.signature_error', at);
    expect(await log.listFailureCounts({})).toEqual([]);
    await counter.flush();
    await counter.flush();
    expect(await log.listFailureCounts({})).toMatchObject([{ apiKey: 'k1', count: 1000 }]);
  });

  it('keeps the counts when writing them fails, for the next flush', async () => {
    const log = new MemoryAuditLog();
    let down = true;
    const flaky = Object.assign(Object.create(log) as MemoryAuditLog, {
      addFailureCounts: (counts: readonly FailureCount[]) =>
        down ? Promise.reject(new Error('store down')) : log.addFailureCounts(counts),
    });
    const counter = new CountAuthFailures({ auditLog: flaky, logger: quiet });
    counter.record(null, 'api_auth.parameter_missing', at);
    await expect(counter.flush()).rejects.toThrow('store down');
    counter.record(null, 'api_auth.parameter_missing', at + 1);
    down = false;
    await counter.flush();
    expect(await log.listFailureCounts({})).toEqual([
      { apiKey: null, reason: 'api_auth.parameter_missing', day: '2026-11-28', count: 2, firstAt: at, lastAt: at + 1 },
    ]);
  });
});
