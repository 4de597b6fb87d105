import { usableCredential, shouldRecordUse, type ApiCredential } from './api-credential.js';
import { apiAuthErrors, type ApiAuthError } from './api-auth.errors.js';
import { isExpired } from './key-lifecycle.js';
import { nonceMemorySeconds } from './nonce.js';
import type { ParsedSignedRequest, ParsedV1Request, ParsedV2Request } from './parsed-signed-request.js';
import { rateLimitClaim, type RateLimitClaim } from './rate-limit.js';
import { decodesStrictly, isAmbiguousTarget } from './request-target.js';
import { splitTarget } from './query-string.js';
import type { ApiPrincipal } from './signed-request.js';
import { v1SignedForm } from './signature-v1.js';
import { v2SignatureMatches } from './signature-v2.js';
import { driftSeconds, parseBasicIsoDate, parseUnixSeconds } from './timestamps.js';

/** What the verifier is told besides the request. */
export interface VerificationContext {
  /** The credential of the request's API key as the store has it; null when there is none. */
  readonly credential: ApiCredential | null;
  /** The entry point the router matched, by name. */
  readonly entryPoint: string;
  /** Milliseconds since the epoch. */
  readonly now: number;
  readonly allowedDriftSeconds: number;
  /** The client's address as the HTTP edge determined it; recorded as where the key was last used from. */
  readonly address: string | null;
}

/** A v2 nonce the caller must remember, and judge with `judgeNonce`, before the request is let through. */
export interface NonceClaim {
  /** What to remember in NONCE_SCOPE: the nonce, within its API key. */
  readonly key: string;
  /** The request's date, ms since the epoch. */
  readonly dated: number;
  /** How long the nonce must be remembered: as long as its date could pass the drift check. */
  readonly rememberSeconds: number;
}

export type Verdict =
  | {
      readonly accepted: true;
      readonly principal: ApiPrincipal;
      /** The request to count against the key's rate limit, before the nonce; null when the key has none. */
      readonly rateLimit: RateLimitClaim | null;
      readonly nonce: NonceClaim | null;
      /** True when the credential's last use is stale enough (or from another address) to be written. */
      readonly recordUse: boolean;
    }
  | { readonly accepted: false; readonly refusal: ApiAuthError };

/** Signs for unknown or revoked keys, so that they cost what a known key costs. */
const DUMMY_SECRETS = ['0000000000000000000000000000000000000000000000000000000000000000'];

/**
 * Decides whether a signed request passes, and if not, which refusal it gets. The checks run in
 * this order, and the first that fails decides:
 *
 * 1. the signature, under an active SEC key of a usable credential (an unknown or revoked key is
 *    checked against a dummy key, so it costs the same and reads the same: `signature error`); and
 *    the target must read the same to a handler as to the signature (no raw `#` or backslash, no
 *    query starting with `?`, no escape decoders read apart where the signed form was decoded);
 * 2. the timestamp (v1) or date (v2), readable and within the allowed drift;
 * 3. the key's state: not disabled, then not expired;
 * 4. the entry point, among those the key is allowed.
 *
 * The signature comes first so that nobody without the SEC key learns anything about a key's
 * state, its permissions or the server's clock. What the caller does next, in this order: count the
 * request against the key's rate limit (`judgeRateLimit`), then remember a v2 nonce (`judgeNonce`),
 * so that a request refused for its rate does not use up its nonce.
 */
export function verifySignedRequest(request: ParsedSignedRequest, context: VerificationContext): Verdict {
  const usable = usableCredential(context.credential, context.now);
  const secrets = usable?.secrets ?? DUMMY_SECRETS;
  const signed = request.protocol === 'v1' ? v1Signed(request, secrets) : v2Signed(request, secrets);
  if (!signed || !usable) return refused(apiAuthErrors.signatureError());

  const dated = request.protocol === 'v1' ? parseUnixSeconds(request.timestamp) : parseBasicIsoDate(request.date);
  if (dated === null) return refused(apiAuthErrors.timestampRift(null));
  if (Math.abs(context.now - dated) > context.allowedDriftSeconds * 1000) {
    return refused(apiAuthErrors.timestampRift(driftSeconds(context.now, dated)));
  }

  const { credential } = usable;
  if (credential.disabled) return refused(apiAuthErrors.keyDisabled());
  if (isExpired(credential, context.now)) return refused(apiAuthErrors.keyExpired());
  if (!credential.entryPoints.has(context.entryPoint)) return refused(apiAuthErrors.entryPointNotAllowed());
  return {
    accepted: true,
    principal: { apiKey: credential.apiKey, username: credential.username, protocol: request.protocol },
    rateLimit: rateLimitClaim(credential),
    nonce:
      request.protocol === 'v2'
        ? {
            key: `${credential.apiKey}:${request.nonce}`,
            dated,
            rememberSeconds: nonceMemorySeconds(dated, context.now, context.allowedDriftSeconds),
          }
        : null,
    recordUse: shouldRecordUse(credential, context.now, context.address),
  };
}

/** The scope all v2 nonces are remembered in: one horizon for the whole cache. */
export const NONCE_SCOPE = 'nonce';

/**
 * Whether a remembered nonce lets its request through: not when it was seen before, nor when the
 * request is dated before the moment the cache started remembering (its memory of earlier nonces is
 * gone, so such a request could be a replay).
 */
export function judgeNonce(claim: NonceClaim, remembered: { firstTime: boolean; rememberingSince: number }): ApiAuthError | null {
  return remembered.firstTime && claim.dated >= remembered.rememberingSince ? null : apiAuthErrors.replayedRequest();
}

function v1Signed(request: ParsedV1Request, secrets: readonly string[]): boolean {
  const form = v1SignedForm(secrets, request.target, request.signature, request.body);
  if (form === null || isAmbiguousTarget(request.rawUrl)) return false;
  return form === 'as-sent' || request.target.rebuiltReadsAlike();
}

function v2Signed(request: ParsedV2Request, secrets: readonly string[]): boolean {
  const matches = v2SignatureMatches(secrets, request.date, request.parts, request.authorization.signature);
  if (!matches || isAmbiguousTarget(request.rawUrl)) return false;
  // v2 decodes the path and query before signing them: every escape must decode the same for all.
  const { path, rawQuery } = splitTarget(request.rawUrl);
  return decodesStrictly(path) && decodesStrictly(rawQuery);
}

function refused(refusal: ApiAuthError): Verdict {
  return { accepted: false, refusal };
}
