import { canonicalRequestV2, stringToSignV2, type V2RequestParts } from './canonical-request-v2.js';
import { constantTimeEqual, hmacSha256 } from './hmac.js';

/** Lower-case hex HMAC-SHA256(secret, string to sign) of a v2 request dated `date`. */
export function signV2(secret: string, date: string, parts: V2RequestParts): string {
  return hmacSha256(secret, stringToSignV2(date, canonicalRequestV2(parts))).toString('hex');
}

/** True when the hex `signature` matches the request under one of the secrets; never throws. */
export function v2SignatureMatches(
  secrets: readonly string[],
  date: string,
  parts: V2RequestParts,
  signature: string,
): boolean {
  const given = /^[0-9a-f]{64}$/.test(signature) ? Buffer.from(signature, 'hex') : Buffer.alloc(0);
  const stringToSign = stringToSignV2(date, canonicalRequestV2(parts));
  let matched = false;
  for (const secret of secrets) {
    if (constantTimeEqual(hmacSha256(secret, stringToSign), given)) matched = true;
  }
  return matched;
}
