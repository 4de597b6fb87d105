import { describe, expect, it } from 'vitest';
import {
  formatV2Authorization,
  isV2Authorization,
  parseV2Authorization,
} from '../../../../src/domain/api-auth/authorization-header.js';

const signature = 'a'.repeat(64);

describe('the v2 Authorization header', () => {
  it('round-trips through format and parse', () => {
    const auth = { apiKey: '483a570a', signedHeaders: ['host', 'x-signet-date', 'x-signet-nonce'], signature };
    expect(parseV2Authorization(formatV2Authorization(auth))).toEqual(auth);
  });

  it('tolerates spaces around the fields', () => {
    expect(parseV2Authorization(`SIGNET-HMAC-SHA256 Credential = k ,SignedHeaders=host , Signature=${signature}`)).toEqual({
      apiKey: 'k',
      signedHeaders: ['host'],
      signature,
    });
  });

  it('is missing a parameter when a field is absent or empty', () => {
    expect(parseV2Authorization(`SIGNET-HMAC-SHA256 Credential=k, Signature=${signature}`)).toBeNull();
    expect(parseV2Authorization(`SIGNET-HMAC-SHA256 Credential=, SignedHeaders=host, Signature=${signature}`)).toBeNull();
    expect(parseV2Authorization('SIGNET-HMAC-SHA256 garbage')).toBeNull();
  });

  it('announces v2 only with the algorithm name and a space', () => {
    expect(isV2Authorization('SIGNET-HMAC-SHA256 Credential=k')).toBe(true);
    expect(isV2Authorization('Bearer abc')).toBe(false);
    expect(isV2Authorization(undefined)).toBe(false);
  });
});
