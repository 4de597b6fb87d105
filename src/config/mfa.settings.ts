import { z } from 'zod';
import { MFA_POLICIES, type MfaPolicy } from '../domain/factors/mfa-policy.js';

/** Second factors: who must have one. */
export const mfaShape = {
  MFA_REQUIRED: z.enum(MFA_POLICIES, { error: 'accepts none, staff or all' }).default('none'),
};

type MfaRaw = z.infer<z.ZodObject<typeof mfaShape>>;

export interface MfaConfig {
  mfa: {
    /** Who must pass a second factor to log in (and enrol one first when they have none). */
    required: MfaPolicy;
  };
}

export function readMfa(raw: MfaRaw): MfaConfig {
  return { mfa: { required: raw.MFA_REQUIRED } };
}
