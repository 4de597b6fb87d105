import { z } from 'zod';

/** A whole number within bounds, read from a string, with one message for every way it can be wrong. */
function wholeNumber(min: number, max: number, message: string) {
  return z.coerce.number({ error: message }).int({ error: message }).min(min, { error: message }).max(max, { error: message });
}

const port = wholeNumber(0, 65535, 'accepts a whole number from 0 to 65535');
const seconds = wholeNumber(1, Number.MAX_SAFE_INTEGER, 'accepts a whole number of seconds above 0');
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'accepts true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const cacheBackends = ['memory', 'redis'] as const;
export const storeBackends = ['memory', 'mongo'] as const;
export type CacheBackend = (typeof cacheBackends)[number];
export type StoreBackend = (typeof storeBackends)[number];

/** Every environment variable Signet reads, with its default. The README's table mirrors this. */
export const configSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: port.default(3000),
  PUBLIC_URL: z.url({ error: 'accepts an absolute http(s) URL' }).optional(),
  CACHE: z.enum(cacheBackends).default('memory'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'accepts a redis:// or rediss:// URL')
    .default('redis://127.0.0.1:6379'),
  REDIS_KEY_PREFIX: z.string().default('signet:'),
  STORE: z.enum(storeBackends).default('memory'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'accepts a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017/signet'),
  SIGNET_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'accepts 64 hex characters (a 256-bit key)')
    .optional(),
  API_AUTH_ALLOWED_TIME_DRIFT: seconds.default(300),
  API_KEY_ROTATION_GRACE: seconds.default(86400),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  TRUST_PROXY: flag.default(false),
  SESSION_SECRET: z.string().min(32, { error: 'accepts a random string of 32 characters or more' }).optional(),
  SSO_REQUEST_TOKEN_TTL: seconds.default(300),
  SSO_USER_SERIALIZER: z.string().min(1).optional(),
  SSO_TEMPLATES_DIR: z.string().min(1).optional(),
  PASSWORD_HASH_LOG_N: wholeNumber(10, 20, 'accepts a whole number from 10 to 20 (scrypt N = 2^value)').default(17),
  PASSWORD_HASH_CONCURRENCY: wholeNumber(1, 64, 'accepts a whole number from 1 to 64').default(2),
});

/** A variable that must be set when another has a given value. */
interface Requirement {
  readonly name: string;
  readonly when: (env: Readonly<Record<string, string>>) => boolean;
  readonly message: string;
}

/**
 * Checked on the raw environment next to the schema, so that a missing variable is reported
 * together with any malformed one rather than only after they are fixed.
 */
export const requirements: readonly Requirement[] = [
  {
    name: 'SIGNET_MASTER_KEY',
    when: (env) => env.STORE === 'mongo',
    message: 'is required when STORE=mongo (64 hex characters: SEC keys are encrypted with it)',
  },
  {
    name: 'SESSION_SECRET',
    when: (env) => env.NODE_ENV === 'production',
    message:
      'is required when NODE_ENV=production (a random string of 32 characters or more: session cookies are signed with it)',
  },
];

export type RawConfig = z.infer<typeof configSchema>;

/** The validated configuration, in the names the code uses. */
export interface Config {
  env: RawConfig['NODE_ENV'];
  isProduction: boolean;
  host: string;
  port: number;
  publicUrl: string | undefined;
  cache: CacheBackend;
  redisUrl: string;
  redisKeyPrefix: string;
  store: StoreBackend;
  mongoUrl: string;
  masterKey: string | undefined;
  apiAuth: { allowedDriftSeconds: number; rotationGraceSeconds: number };
  logLevel: RawConfig['LOG_LEVEL'];
  trustProxy: boolean;
  /** `secret` signs the session cookie; `isDevelopmentSecret` when SESSION_SECRET was not set. */
  session: { secret: string; isDevelopmentSecret: boolean };
  sso: { requestTokenTtlSeconds: number; userSerializer: string | undefined; templatesDir: string | undefined };
  passwordHash: { logN: number; concurrency: number };
}

/**
 * Signs session cookies outside production when SESSION_SECRET is not set: fixed, so that two local
 * instances accept each other's cookies, and public, so it must never sign anything that matters.
 */
export const DEVELOPMENT_SESSION_SECRET = 'signet-development-session-secret-do-not-use-in-production';

export function toConfig(raw: RawConfig): Config {
  return {
    env: raw.NODE_ENV,
    isProduction: raw.NODE_ENV === 'production',
    host: raw.HOST,
    port: raw.PORT,
    publicUrl: raw.PUBLIC_URL,
    cache: raw.CACHE,
    redisUrl: raw.REDIS_URL,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX,
    store: raw.STORE,
    mongoUrl: raw.MONGO_URL,
    masterKey: raw.SIGNET_MASTER_KEY,
    apiAuth: {
      allowedDriftSeconds: raw.API_AUTH_ALLOWED_TIME_DRIFT,
      rotationGraceSeconds: raw.API_KEY_ROTATION_GRACE,
    },
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
    session: {
      secret: raw.SESSION_SECRET ?? DEVELOPMENT_SESSION_SECRET,
      isDevelopmentSecret: raw.SESSION_SECRET === undefined,
    },
    sso: {
      requestTokenTtlSeconds: raw.SSO_REQUEST_TOKEN_TTL,
      userSerializer: raw.SSO_USER_SERIALIZER,
      templatesDir: raw.SSO_TEMPLATES_DIR,
    },
    passwordHash: { logN: raw.PASSWORD_HASH_LOG_N, concurrency: raw.PASSWORD_HASH_CONCURRENCY },
  };
}
