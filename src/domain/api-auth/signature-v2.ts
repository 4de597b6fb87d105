import { canonicalRequestV2, stringToSignV2, type V2RequestParts } from './canonical-request-v2.js';
import { constantTimeTextEqual, hmacSha256 } from './hmac.js';

/** Lower-case hex HMAC-SHA256(secret, string to sign) of a v2 request dated `date`. */
export function signV2(secret: string, date: string, parts: V2RequestParts): string {
  return hmacSha256(secret, 'hex', stringToSignV2(date, canonicalRequestV2(parts)));
}

/** True when the hex `signature` matches the request under one of the secrets; never throws. */
export function v2SignatureMatches(secrets: readonly string[], date: string, parts: V2RequestParts, signature: string): boolean {
  const stringToSign = stringToSignV2(date, canonicalRequestV2(parts));
  let matched = false;
  for (const secret of secrets) {
    if (constantTimeTextEqual(hmacSha256(secret, 'hex', stringToSign), signature)) matched = true;
  }
  return matched;
}
