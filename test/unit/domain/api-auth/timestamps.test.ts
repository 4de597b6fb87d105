import { describe, expect, it } from 'vitest';
import { formatBasicIsoDate, parseBasicIsoDate, parseUnixSeconds } from '../../../../src/domain/api-auth/timestamps.js';

describe('v1 timestamps', () => {
  it('accepts whole and fractional UNIX seconds', () => {
    expect(parseUnixSeconds('1700000000')).toBe(1_700_000_000_000);
    expect(parseUnixSeconds('1700000000.25')).toBe(1_700_000_000_250);
  });

  it.each(['nan', 'NaN', 'inf', '-inf', 'Infinity', '1e9', '0x10', ' 17', '17 ', '', '-1', '+1', '1.', '.5'])(
    'refuses %j, which is not a plain decimal number',
    (text) => {
      expect(parseUnixSeconds(text)).toBeNull();
    },
  );
});

describe('v2 dates', () => {
  it('reads ISO 8601 basic UTC dates', () => {
    expect(parseBasicIsoDate('20261128T120000Z')).toBe(Date.UTC(2026, 10, 28, 12, 0, 0));
  });

  it.each(['2026-11-28T12:00:00Z', '20261128T120000', '20261328T120000Z', '20260230T120000Z', '20261128T250000Z'])(
    'refuses %j',
    (text) => {
      expect(parseBasicIsoDate(text)).toBeNull();
    },
  );

  it('formats to the second', () => {
    expect(formatBasicIsoDate(Date.UTC(2026, 10, 28, 12, 0, 0, 999))).toBe('20261128T120000Z');
  });
});
