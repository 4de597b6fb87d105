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

describe('v2 dates, against the calendar', () => {
  it('reads every valid moment as Date.UTC does, and refuses every impossible one', () => {
    for (const [year, month, day, valid] of [
      [2024, 2, 29, true],
      [2026, 2, 29, false],
      [2000, 2, 29, true],
      [1900, 2, 29, false],
      [2026, 4, 31, false],
      [2026, 12, 31, true],
      [2026, 1, 0, false],
    ] as const) {
      const text = `${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}T235959Z`;
      expect(parseBasicIsoDate(text), text).toBe(valid ? Date.UTC(year, month - 1, day, 23, 59, 59) : null);
    }
    for (const text of [
      '20261128T126000Z',
      '20261128T120060Z',
      '2026112aT120000Z',
      '20261128t120000Z',
      '20261128T120000z',
      '+0261128T120000Z',
    ]) {
      expect(parseBasicIsoDate(text), text).toBeNull();
    }
  });
});
