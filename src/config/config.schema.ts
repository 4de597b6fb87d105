import { z } from 'zod';

const port = z.coerce.number({ message: 'accepts a whole number from 0 to 65535' }).int({ message: 'accepts a whole number from 0 to 65535' }).min(0, { message: 'accepts a whole number from 0 to 65535' }).max(65535, { message: 'accepts a whole number from 0 to 65535' });
const seconds = z.coerce.number({ message: 'accepts a whole number of seconds above 0' }).int({ message: 'accepts a whole number of seconds above 0' }).positive({ message: 'accepts a whole number of seconds above 0' });
const flag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'accepts true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

export const cacheBackends = ['memory', 'redis'] as const;
export const storeBackends = ['memory', 'mongo'] as const;
export type CacheBackend = (typeof cacheBackends)[number];
export type StoreBackend = (typeof storeBackends)[number];

/** Every environment variable Signet reads, with its default. The README's table mirrors this. */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    HOST: z.string().min(1).default('0.0.0.0'),
    PORT: port.default(3000),
    PUBLIC_URL: z.url({ message: 'accepts an absolute http(s) URL' }).optional(),
    CACHE: z.enum(cacheBackends).default('memory'),
    REDIS_URL: z.string().regex(/^rediss?:\/\//, 'accepts a redis:// or rediss:// URL').default('redis://127.0.0.1:6379'),
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
    SESSION_SECRET: z.string().min(32, { message: 'accepts a random string of 32 characters or more' }).optional(),
    SSO_REQUEST_TOKEN_TTL: seconds.default(300),
    SSO_USER_SERIALIZER: z.string().min(1).optional(),
    SSO_TEMPLATES_DIR: z.string().min(1).optional(),
    PASSWORD_HASH_LOG_N: z.coerce
      .number({ message: 'accepts a whole number from 10 to 20 (scrypt N = 2^value)' })
      .int({ message: 'accepts a whole number from 10 to 20 (scrypt N = 2^value)' })
      .min(10, { message: 'accepts a whole number from 10 to 20 (scrypt N = 2^value)' })
      .max(20, { message: 'accepts a whole number from 10 to 20 (scrypt N = 2^value)' })
      .default(17),
    PASSWORD_HASH_CONCURRENCY: z.coerce
      .number({ message: 'accepts a whole number from 1 to 64' })
      .int({ message: 'accepts a whole number from 1 to 64' })
      .min(1, { message: 'accepts a whole number from 1 to 64' })
      .max(64, { message: 'accepts a whole number from 1 to 64' })
      .default(2),
  })
  .superRefine((env, ctx) => {
    if (env.STORE === 'mongo' && !env.SIGNET_MASTER_KEY) {
      ctx.addIssue({
        code: 'custom',
        path: ['SIGNET_MASTER_KEY'],
        message: 'is required when STORE=mongo (64 hex characters: SEC keys are encrypted with it)',
      });
    }
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['SESSION_SECRET'],
        message: 'is required when NODE_ENV=production (a random string of 32 characters or more: session cookies are signed with it)',
      });
    }
  });

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
