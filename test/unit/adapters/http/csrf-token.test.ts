import Tokens from 'csrf';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchesSecret } from '../../../../src/adapters/http/middleware/csrf.js';
import { propertyRuns } from '../../../support/property-runs.js';

describe("the pages' CSRF check", () => {
  const tokens = new Tokens();

  it('accepts every token the csrf package makes from the secret, and only for that secret', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme-ascii' }), (secret) => {
        const token = tokens.create(secret);
        expect(matchesSecret(token, secret)).toBe(true);
        expect(matchesSecret(token, `${secret}x`)).toBe(false);
      }),
      { numRuns: propertyRuns(200) },
    );
  });

  it('agrees with the csrf package on altered and malformed tokens', () => {
    const secret = tokens.secretSync();
    const token = tokens.create(secret);
    const dash = token.indexOf('-');
    const candidates = [
      '',
      '-',
      token.slice(0, dash),
      token.slice(dash),
      `${token}A`,
      token.slice(0, -1),
      `x${token.slice(1)}`,
      `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`,
      token.replace('-', '_'),
      `${token.slice(0, dash)}-${tokens.create(tokens.secretSync()).split('-')[1]}`,
    ];
    for (const candidate of candidates) {
      expect(matchesSecret(candidate, secret), candidate).toBe(tokens.verify(secret, candidate));
    }
    expect(candidates.some((candidate) => matchesSecret(candidate, secret))).toBe(false);
  });
});
