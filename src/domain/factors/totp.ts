import { sha256Base64url } from '../shared/digest.js';

/** A TOTP code as typed: six digits, blanks and dashes aside; null when it is not one. */
export function totpCode(typed: string): string | null {
  const digits = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(digits) ? digits : null;
}

/**
 * How long a used time step is remembered: longer than the window a code is accepted in (the step
 * before, the step, the step after: 90 seconds), so that a code cannot be replayed while it is valid.
 */
export const USED_STEP_TTL_SECONDS = 5 * 60;

/**
 * The cache key marking a time step used with a factor: a code accepted once is refused after, on
 * every instance (RFC 6238, 5.2), since the mark is set atomically and only once.
 */
export function usedStepKey(username: string, factorId: string, step: number): string {
  return `totp-used:{${sha256Base64url(`${username}\0${factorId}`)}}:${step}`;
}

/** The label of a factor in an authenticator app: the issuer shows beside it. */
export const TOTP_ISSUER = 'Signet';
