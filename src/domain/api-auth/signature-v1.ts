import { constantTimeEqual, hmacSha256 } from './hmac.js';
import type { V1Request } from './canonical-request-v1.js';

const BASE64_OF_32_BYTES_LENGTH = 44;

/** base64(HMAC-SHA256(secret, stringToSign + body)): what a v1 client appends as `signature`. */
export function signV1(secret: string, stringToSign: string, body: Uint8Array | string = ''): string {
  return hmacSha256(secret, stringToSign, body).toString('base64');
}

/**
 * True when `signature` is the HMAC of the request as sent (or, failing that, as dj-api-auth's
 * server rebuilt it) under one of the secrets. A signature that does not decode to 32 bytes never
 * matches, and nothing here throws.
 */
export function v1SignatureMatches(
  secrets: readonly string[],
  request: V1Request,
  signature: string,
  body: Uint8Array,
): boolean {
  const given = signature.length === BASE64_OF_32_BYTES_LENGTH ? Buffer.from(signature, 'base64') : EMPTY;
  if (matchesAny(secrets, request.signedText, body, given)) return true;
  const rebuilt = request.rebuiltText();
  return rebuilt !== null && matchesAny(secrets, rebuilt, body, given);
}

const EMPTY = Buffer.alloc(0);

function matchesAny(secrets: readonly string[], text: string, body: Uint8Array, given: Buffer): boolean {
  let matched = false;
  // Every secret is tried even after a match, so the time taken does not say which one matched.
  for (const secret of secrets) {
    if (constantTimeEqual(hmacSha256(secret, text, body), given)) matched = true;
  }
  return matched;
}
