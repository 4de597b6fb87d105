import type { z } from 'zod';
import { seconds } from './fields.js';

/** Signed API access. */
export const apiAuthShape = {
  API_AUTH_ALLOWED_TIME_DRIFT: seconds.default(300),
  API_KEY_ROTATION_GRACE: seconds.default(86400),
};

export interface ApiAuthConfig {
  allowedDriftSeconds: number;
  rotationGraceSeconds: number;
}

export function readApiAuth(raw: z.infer<z.ZodObject<typeof apiAuthShape>>): ApiAuthConfig {
  return { allowedDriftSeconds: raw.API_AUTH_ALLOWED_TIME_DRIFT, rotationGraceSeconds: raw.API_KEY_ROTATION_GRACE };
}
