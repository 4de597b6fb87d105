import { describe, expect, it } from 'vitest';
import { describeSeconds, parseDuration } from '../../../src/adapters/cli/duration.js';

describe('durations on the command line', () => {
  it.each([
    ['90', 90],
    ['90s', 90],
    ['15m', 900],
    ['2h', 7200],
    ['1d', 86_400],
  ])('reads %s as %d seconds', (text, seconds) => {
    expect(parseDuration(text)).toBe(seconds);
  });

  it.each(['', 'm', '1.5h', '-5m', '10 minutes', '1w'])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });

  it('says a duration plainly', () => {
    expect([60, 900, 3600, 86_400, 90].map(describeSeconds)).toEqual(['1 minute', '15 minutes', '1 hour', '1 day', '90 seconds']);
  });
});
