import { z } from 'zod';
import { sha256Base64url } from '../shared/digest.js';
import { parseJsonOrUndefined } from '../shared/safe-json.js';

/**
 * A half-finished login: the password was right, the second factor is still to come. It lives in
 * the Cache under the digest of a random id that only the browser's signed cookie holds, for a few
 * minutes; it grants nothing (no session, no SSO grant, no OpenID login) until the factor is
 * checked, and is taken (single use) by the step that checks it.
 *
 * `purpose` names the login it belongs to (`/login/`, one SSO request token, one OpenID
 * interaction), so that a half-login begun for one cannot finish another.
 * `stage`: `factor` waits for a code; `enroll` waits for the first code of a new TOTP secret (the
 * policy requires a factor of a user who has none); `enrolled` shows the recovery codes once and
 * waits for the user to go on.
 */
export const SECOND_STEP_TTL_SECONDS = 5 * 60;
/** Wrong codes one half-login takes before the password must be typed again (they count toward the lockout too). */
export const MAX_CODE_TRIES_PER_STEP = 5;

const pendingSchema = z.object({
  username: z.string().min(1),
  floor: z.string().nullable(),
  purpose: z.string(),
  stage: z.enum(['factor', 'enroll', 'enrolled']),
  /** The TOTP secret being enrolled (stage `enroll`); null otherwise. */
  proposedSecret: z.string().nullable(),
  /** The methods passed so far (RFC 8176): `pwd`, then the factor's. */
  amr: z.array(z.string()),
  tries: z.number().int().min(0),
  expiresAt: z.number(),
});

export type PendingStep = z.infer<typeof pendingSchema>;

/** The cache key of a half-login: the id's digest, so that a cache dump holds no usable id. */
export function pendingStepKey(id: string): string {
  return `second-step:${sha256Base64url(id)}`;
}

/** A new half-login id: 256 random bits, base64url. */
export function newPendingStepId(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64url');
}

export function newPendingStep(
  fields: Pick<PendingStep, 'username' | 'floor' | 'purpose' | 'stage' | 'proposedSecret'>,
  now: number,
  amr: readonly string[] = ['pwd'],
): PendingStep {
  return { ...fields, amr: [...amr], tries: 0, expiresAt: now + SECOND_STEP_TTL_SECONDS * 1000 };
}

/** The live half-login stored as `stored` for `purpose`; null when missing, unreadable, expired or another login's. */
export function livePendingStep(stored: string | null, purpose: string, now: number): PendingStep | null {
  if (stored === null) return null;
  const parsed = pendingSchema.safeParse(parseJsonOrUndefined(stored));
  if (!parsed.success) return null;
  return parsed.data.purpose === purpose && parsed.data.expiresAt > now ? parsed.data : null;
}

/** Whole seconds a half-login has left, at least 1. */
export function pendingSecondsLeft(step: PendingStep, now: number): number {
  return Math.max(1, Math.ceil((step.expiresAt - now) / 1000));
}
