import { describe, expect, it } from 'vitest';
import { FailureTally, summarizeFailures } from '../../../../src/domain/admin/failure-tally.js';

const noon = Date.UTC(2026, 10, 28, 12, 0, 0);

describe('the failure tally', () => {
  it('sums refusals per key, reason and UTC day, with the first and last time', () => {
    const tally = new FailureTally();
    tally.add('k1', 'api_auth.signature_error', noon + 5);
    tally.add('k1', 'api_auth.signature_error', noon);
    tally.add('k1', 'api_auth.signature_error', noon + 12 * 3_600_000);
    tally.add(null, 'api_auth.signature_error', noon);
    tally.add('k1', 'api_auth.timestamp_rift', noon);
    expect(tally.drain()).toEqual([
      { apiKey: 'k1', reason: 'api_auth.signature_error', day: '2026-11-28', count: 2, firstAt: noon, lastAt: noon + 5 },
      {
        apiKey: 'k1',
        reason: 'api_auth.signature_error',
        day: '2026-11-29',
        count: 1,
        firstAt: noon + 43_200_000,
        lastAt: noon + 43_200_000,
      },
      { apiKey: null, reason: 'api_auth.signature_error', day: '2026-11-28', count: 1, firstAt: noon, lastAt: noon },
      { apiKey: 'k1', reason: 'api_auth.timestamp_rift', day: '2026-11-28', count: 1, firstAt: noon, lastAt: noon },
    ]);
    expect(tally.size).toBe(0);
  });

  it('keeps an unknown key apart from a key named by the empty string', () => {
    const tally = new FailureTally();
    tally.add(null, 'r', noon);
    tally.add('', 'r', noon);
    expect(tally.size).toBe(2);
  });

  it('takes back counts whose writing failed, adding to those made since', () => {
    const tally = new FailureTally();
    tally.add('k1', 'r', noon);
    const drained = tally.drain();
    tally.add('k1', 'r', noon + 10);
    tally.restore(drained);
    expect(tally.drain()).toEqual([{ apiKey: 'k1', reason: 'r', day: '2026-11-28', count: 2, firstAt: noon, lastAt: noon + 10 }]);
  });

  it('sums days per key and reason, the largest first', () => {
    const day = (d: string, count: number, apiKey: string | null = 'k1') => ({
      apiKey,
      reason: 'r',
      day: d,
      count,
      firstAt: count,
      lastAt: count * 10,
    });
    expect(summarizeFailures([day('2026-11-27', 2), day('2026-11-28', 3), day('2026-11-28', 9, null)])).toEqual([
      { apiKey: null, reason: 'r', count: 9, firstAt: 9, lastAt: 90 },
      { apiKey: 'k1', reason: 'r', count: 5, firstAt: 2, lastAt: 30 },
    ]);
  });
});
