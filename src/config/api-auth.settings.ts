import type { z } from 'zod';
import { flag, seconds, wholeNumber, type Conflict } from './fields.js';

/** Signed API access. */
export const apiAuthShape = {
  API_AUTH_ALLOWED_TIME_DRIFT: seconds.default(300),
  API_KEY_ROTATION_GRACE: wholeNumber(
    60,
    86_400,
    'accepts a whole number of seconds from 60 (1 minute) to 86400 (24 hours)',
  ).default(86_400),
  API_AUTH_DEBUG: flag.default(false),
};

type ApiAuthRaw = z.infer<z.ZodObject<typeof apiAuthShape>>;

export const apiAuthConflicts: readonly Conflict<ApiAuthRaw & { NODE_ENV: string }>[] = [
  {
    name: 'API_AUTH_DEBUG',
    when: (raw) => raw.API_AUTH_DEBUG && raw.NODE_ENV === 'production',
    message: 'cannot be on when NODE_ENV=production (refused requests would be told what the server signed)',
  },
];

export interface ApiAuthConfig {
  allowedDriftSeconds: number;
  /** The grace period of a rotation that does not choose one. */
  rotationGraceSeconds: number;
  /** A `signature error` answer carries the strings the server signed; never in production. */
  debug: boolean;
}

export function readApiAuth(raw: ApiAuthRaw): ApiAuthConfig {
  return {
    allowedDriftSeconds: raw.API_AUTH_ALLOWED_TIME_DRIFT,
    rotationGraceSeconds: raw.API_KEY_ROTATION_GRACE,
    debug: raw.API_AUTH_DEBUG,
  };
}
