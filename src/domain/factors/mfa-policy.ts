import type { User } from '../users/user.js';

/** MFA_REQUIRED: who must have a second factor to log in. */
export const MFA_POLICIES = ['none', 'staff', 'all'] as const;
export type MfaPolicy = (typeof MFA_POLICIES)[number];

/** True when the policy requires a second factor of this user. */
export function policyCovers(policy: MfaPolicy, user: Pick<User, 'isStaff' | 'isSuperuser'>): boolean {
  if (policy === 'all') return true;
  if (policy === 'staff') return user.isStaff || user.isSuperuser;
  return false;
}

/** The authentication methods (RFC 8176 `amr`) that are a second factor. */
const SECOND_FACTOR_METHODS: ReadonlySet<string> = new Set(['otp', 'hwk', 'swk']);

/** True when a login's methods include a second factor (a one-time code, a passkey). */
export function passedSecondFactor(amr: readonly string[]): boolean {
  return amr.some((method) => SECOND_FACTOR_METHODS.has(method));
}
