import type { z } from 'zod';
import { flag, seconds, type Conflict } from './fields.js';

/** Signed API access. */
export const apiAuthShape = {
  API_AUTH_ALLOWED_TIME_DRIFT: seconds.default(300),
  API_KEY_ROTATION_GRACE: seconds.default(86400),
  API_AUTH_DEBUG: flag.default(false),
};

type ApiAuthRaw = z.infer<z.ZodObject<typeof apiAuthShape>>;

export const apiAuthConflicts: readonly Conflict<ApiAuthRaw & { NODE_ENV: string }>[] = [
  {
    name: 'API_AUTH_DEBUG',
    when: (raw) => raw.API_AUTH_DEBUG && raw.NODE_ENV === 'production',
    message: 'cannot be on when NODE_ENV=production (debugging output tells a caller why a signature failed)',
  },
];

export interface ApiAuthConfig {
  allowedDriftSeconds: number;
  rotationGraceSeconds: number;
  /** API_AUTH_DEBUG: extra detail on refused requests, for development only (never in production). */
  debug: boolean;
}

export function readApiAuth(raw: ApiAuthRaw): ApiAuthConfig {
  return {
    allowedDriftSeconds: raw.API_AUTH_ALLOWED_TIME_DRIFT,
    rotationGraceSeconds: raw.API_KEY_ROTATION_GRACE,
    debug: raw.API_AUTH_DEBUG,
  };
}
