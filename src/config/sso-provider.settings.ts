import { statSync } from 'node:fs';
import { z } from 'zod';
import { seconds, wholeNumber, type Conflict, type Requirement } from './fields.js';

/** The SSO provider: sessions, tokens, users' passwords. */
export const ssoProviderShape = {
  SESSION_SECRET: z.string().min(32, { error: 'accepts a random string of 32 characters or more' }).optional(),
  SSO_REQUEST_TOKEN_TTL: seconds.default(300),
  SSO_USER_SERIALIZER: z.string().min(1).optional(),
  SSO_TEMPLATES_DIR: z.string().min(1).refine(isDirectory, { error: 'accepts an existing directory' }).optional(),
  PASSWORD_HASH_ALGORITHM: z.enum(['argon2id', 'scrypt'], { error: 'accepts argon2id or scrypt' }).default('argon2id'),
  PASSWORD_HASH_LOG_N: wholeNumber(10, 20, 'accepts a whole number from 10 to 20 (scrypt N = 2^value)').default(17),
  PASSWORD_HASH_CONCURRENCY: wholeNumber(1, 64, 'accepts a whole number from 1 to 64').default(2),
  PASSWORD_HASH_QUEUE: wholeNumber(1, 10_000, 'accepts a whole number from 1 to 10000').default(8),
};

type SsoProviderRaw = z.infer<z.ZodObject<typeof ssoProviderShape>>;

/**
 * Signs session cookies when SESSION_SECRET is not set and the demo runs: fixed, so that two local
 * instances accept each other's cookies, and public, so it must never sign anything that matters.
 */
export const DEVELOPMENT_SESSION_SECRET = 'signet-development-session-secret-do-not-use-in-production';

export const ssoProviderRequirements: readonly Requirement[] = [
  {
    name: 'SESSION_SECRET',
    when: (env) => env.NODE_ENV === 'production',
    message:
      'is required when NODE_ENV=production (a random string of 32 characters or more: session cookies are signed with it)',
  },
  {
    name: 'SESSION_SECRET',
    when: (env) => env.NODE_ENV !== 'production' && env.STORE === 'mongo' && !isOn(env.SIGNET_DEMO),
    message:
      'is required when STORE=mongo without SIGNET_DEMO=1 (a random string of 32 characters or more: the public development secret signs only demo sessions)',
  },
];

export const ssoProviderConflicts: readonly Conflict<SsoProviderRaw & { NODE_ENV: string }>[] = [
  {
    name: 'SESSION_SECRET',
    when: (raw) => raw.NODE_ENV === 'production' && raw.SESSION_SECRET === DEVELOPMENT_SESSION_SECRET,
    message:
      'is the public development secret, which cannot sign sessions when NODE_ENV=production (set a random string of 32 characters or more)',
  },
];

export interface SsoProviderConfig {
  /** `secret` signs the session cookie; `isDevelopmentSecret` when SESSION_SECRET was not set. */
  session: { secret: string; isDevelopmentSecret: boolean };
  sso: { requestTokenTtlSeconds: number; userSerializer: string | undefined; templatesDir: string | undefined };
  /** New hashes use `algorithm`; hashes made with the other one still verify, and are re-hashed at login. */
  passwordHash: { algorithm: 'argon2id' | 'scrypt'; logN: number; concurrency: number; queueLimit: number };
}

export function readSsoProvider(raw: SsoProviderRaw): SsoProviderConfig {
  return {
    session: {
      secret: raw.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      isDevelopmentSecret: raw.SESSION_SECRET === undefined,
    },
    sso: {
      requestTokenTtlSeconds: raw.SSO_REQUEST_TOKEN_TTL,
      userSerializer: raw.SSO_USER_SERIALIZER,
      templatesDir: raw.SSO_TEMPLATES_DIR,
    },
    passwordHash: {
      algorithm: raw.PASSWORD_HASH_ALGORITHM,
      logN: raw.PASSWORD_HASH_LOG_N,
      concurrency: raw.PASSWORD_HASH_CONCURRENCY,
      queueLimit: raw.PASSWORD_HASH_QUEUE,
    },
  };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function isOn(value: string | undefined): boolean {
  return value === 'true' || value === '1' || value === 'yes';
}
