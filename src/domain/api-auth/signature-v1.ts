import { constantTimeEqual, hmacSha256 } from './hmac.js';
import type { V1Request } from './canonical-request-v1.js';

/** A standard base64 encoding of exactly 32 bytes (an HMAC-SHA256), padding included. */
const base64Of32Bytes = /^[A-Za-z0-9+/]{43}=$/;

/** base64(HMAC-SHA256(secret, stringToSign + body)): what a v1 client appends as `signature`. */
export function signV1(secret: string, stringToSign: string, body: Uint8Array | string = ''): string {
  return hmacSha256(secret, stringToSign, body).toString('base64');
}

/**
 * True when `signature` is the HMAC of one of the request's candidate strings under one of the
 * secrets. A signature that does not decode to 32 bytes never matches (and never throws).
 */
export function v1SignatureMatches(
  secrets: readonly string[],
  request: V1Request,
  signature: string,
  body: Uint8Array,
): boolean {
  const given = base64Of32Bytes.test(signature) ? Buffer.from(signature, 'base64') : Buffer.alloc(0);
  let matched = false;
  for (const candidate of request.stringsToSign()) {
    for (const secret of secrets) {
      // Keep going after a match: the work done must not depend on which secret or form matched.
      if (constantTimeEqual(hmacSha256(secret, candidate, body), given)) matched = true;
    }
    if (matched) return true;
  }
  return false;
}
