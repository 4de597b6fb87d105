import { describe, expect, it } from 'vitest';
import { configProblems } from '../../support/config-problems.js';

/** Odd values an operator's environment can hold: each is a mistake to report, not a value to guess. */
describe('odd configuration values', () => {
  it('refuses a number that is only blanks, rather than read it as 0 (PORT=" " would listen on a random port)', () => {
    for (const name of ['PORT', 'API_AUTH_ALLOWED_TIME_DRIFT', 'SSO_REQUEST_TOKEN_TTL']) {
      expect(configProblems({ [name]: ' ' }), name).toHaveLength(1);
    }
  });

  it('reads whole numbers as decimal digits only: no hexadecimal, exponent or fraction', () => {
    for (const value of ['0x50', '1e3', '80.0', '+80']) {
      expect(configProblems({ PORT: value }), value).toEqual([expect.stringMatching(/^PORT=.*: accepts a whole number/)]);
    }
  });

  it('never repeats the password of a malformed REDIS_URL or MONGO_URL in its error', () => {
    const problems = configProblems({
      REDIS_URL: 'redis//:redis-password-1@cache:6379',
      MONGO_URL: 'mongo://app:mongo-password-2@db/signet',
    });
    expect(problems).toHaveLength(2);
    expect(problems.join('\n')).not.toContain('redis-password-1');
    expect(problems.join('\n')).not.toContain('mongo-password-2');
  });
});
