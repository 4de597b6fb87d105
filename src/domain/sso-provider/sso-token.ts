import type { RandomSource } from '../shared/random-source.port.js';
import { sha256Base64url } from '../shared/digest.js';

/** 256 bits: the strength of both the request token and the auth token. */
export const TOKEN_BYTES = 32;

/** 32 bytes in unpadded base64url are exactly 43 characters. */
const wellFormed = /^[A-Za-z0-9_-]{43}$/;

/** A fresh token: 256 bits from the random source, base64url without padding (43 characters). */
export function newToken(random: RandomSource): string {
  return Buffer.from(random.bytes(TOKEN_BYTES)).toString('base64url');
}

/** True for a string that a token of ours could be; anything else is refused without a lookup. */
export function isWellFormedToken(token: string): boolean {
  return wellFormed.test(token);
}

/**
 * The SHA-256 of a token, base64url. Tokens are stored and looked up by digest, so that whoever can
 * read the cache (a Redis dump, a MONITOR) cannot replay them.
 */
export function tokenDigest(token: string): string {
  return sha256Base64url(token);
}
