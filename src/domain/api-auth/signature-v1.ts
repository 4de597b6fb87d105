import { constantTimeTextEqual, hmacSha256 } from './hmac.js';
import type { V1Request } from './canonical-request-v1.js';

/** base64(HMAC-SHA256(secret, stringToSign + body)): what a v1 client appends as `signature`. */
export function signV1(secret: string, stringToSign: string, body: Uint8Array | string = ''): string {
  return hmacSha256(secret, 'base64', stringToSign, body);
}

/** Which text a v1 signature was found to cover: the target as sent, or as dj-api-auth's server rebuilt it. */
export type V1SignedForm = 'as-sent' | 'rebuilt';

/**
 * The form `signature` is the HMAC of under one of the secrets: the request as sent or, failing that,
 * as dj-api-auth's server rebuilt it; null when neither. A signature that does not decode to 32
 * bytes never matches, and nothing here throws.
 */
export function v1SignedForm(
  secrets: readonly string[],
  request: V1Request,
  signature: string,
  body: Uint8Array,
): V1SignedForm | null {
  if (matchesAny(secrets, request.signedText, body, signature)) return 'as-sent';
  const rebuilt = request.rebuiltText();
  return rebuilt !== null && matchesAny(secrets, rebuilt, body, signature) ? 'rebuilt' : null;
}

/**
 * Compares base64 texts rather than decoded bytes: a digest's base64 form is exactly 44
 * characters, so only a well-formed 32-byte signature can ever be equal to it.
 */
function matchesAny(secrets: readonly string[], text: string, body: Uint8Array, signature: string): boolean {
  let matched = false;
  // Every secret is tried even after a match, so the time taken does not say which one matched.
  for (const secret of secrets) {
    if (constantTimeTextEqual(hmacSha256(secret, 'base64', text, body), signature)) matched = true;
  }
  return matched;
}
