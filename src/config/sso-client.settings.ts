import { z } from 'zod';
import { milliseconds } from './fields.js';

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `accepts ${what}, an absolute http(s) URL` });
const routePath = z
  .string()
  .regex(/^\/([^\s?#\\]*\/)?$/, { error: 'accepts a path that starts and ends with /, such as /accounts/login/' });

/** A route the provider sends the browser back to: OpenID Connect's redirect URIs need not end with /. */
const callbackPath = z
  .string()
  .regex(/^\/[^\s?#\\]*$/, { error: 'accepts a path that starts with /, such as /accounts/sso/callback/' });

/** The protocols the client speaks: dj-sso's handshake signed as v1 or v2, or OpenID Connect. */
export type SsoClientProtocol = 'v1' | 'v2' | 'oidc';

/**
 * An SSO client app's settings (`ssoClient()`), each an option or else an environment variable. The
 * first three are dj-sso-client's SSO_API_AUTH_SETTING; the storage ones its SSO_USER_STORAGE. Which
 * credentials are required depends on the protocol: see `requiredSettings`.
 */
export const ssoClientShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SSO_URL: httpUrl("the provider's address"),
  SSO_API_KEY: z.string().min(1).optional(),
  SSO_SEC_KEY: z.string().min(1).optional(),
  SSO_CLIENT_ID: z.string().min(1).optional(),
  SSO_CLIENT_SECRET: z.string().min(1).optional(),
  SSO_SCOPES: z
    .string()
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, { error: 'accepts scopes separated by single spaces' })
    .refine((scopes) => scopes.split(' ').includes('openid'), { error: 'must include openid' })
    .default('openid profile email groups'),
  SSO_REMOTE_URL_PREFIX: z
    .string()
    .regex(/^\/([^\s?#\\]*\/)?$/, { error: 'accepts a path that starts and ends with /, such as /sso/' })
    .default('/sso/'),
  SSO_PROTOCOL: z.enum(['v1', 'v2', 'oidc']).default('v1'),
  SSO_TIMEOUT_MS: milliseconds.default(5000),
  SSO_USER_STORAGE: z.enum(['db', 'cache']).default('db'),
  SSO_STORE: z.enum(['memory', 'mongo']).default('memory'),
  SSO_MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, { error: 'accepts a mongodb:// or mongodb+srv:// URL' })
    .default('mongodb://127.0.0.1:27017/sso_client'),
  SSO_CACHE: z.enum(['memory', 'redis']).default('memory'),
  SSO_REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, { error: 'accepts a redis:// or rediss:// URL' })
    .default('redis://127.0.0.1:6379'),
  SSO_REDIS_KEY_PREFIX: z.string().default('sso-client:'),
  SSO_BACKEND_TIMEOUT_MS: milliseconds.default(2000),
  SSO_SESSION_SECRET: z.string().min(32, { error: 'accepts a random string of 32 characters or more' }).optional(),
  SSO_APP_URL: httpUrl("this app's public address").optional(),
  SSO_LOGIN_PATH: routePath.default('/accounts/login/'),
  SSO_CALLBACK_PATH: callbackPath.optional(),
  SSO_LOGOUT_PATH: routePath.default('/accounts/logout/'),
  SSO_COOKIE_NAME: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { error: 'accepts up to 64 letters, digits, _ and -' })
    .default('sso_client'),
};

export const ssoClientSchema = z.object(ssoClientShape);

/** The settings a protocol cannot do without, by variable; the others have defaults or are optional. */
export function requiredSettings(protocol: SsoClientProtocol): readonly (keyof typeof ssoClientShape)[] {
  return protocol === 'oidc' ? ['SSO_URL', 'SSO_CLIENT_ID'] : ['SSO_URL', 'SSO_API_KEY', 'SSO_SEC_KEY'];
}

/** Where the provider sends the browser back, by default: dj-sso-client's path, or the demo OpenID client's. */
const DEFAULT_CALLBACK_PATHS = { djSso: '/accounts/sso/callback/', oidc: '/oidc/callback' } as const;

/** `ssoClient()`'s options: each one, when given, wins over its environment variable. */
export interface SsoClientSettingOptions {
  /**
   * SSO_URL: where the provider is, such as `https://signet.example.com`; with protocol `oidc`, the
   * issuer, such as `https://signet.example.com/oidc`. Required.
   */
  url?: string;
  /** SSO_API_KEY: the app's API key at the provider. Required by the dj-sso protocols (v1, v2). */
  apiKey?: string;
  /** SSO_SEC_KEY: its SEC key. Required by the dj-sso protocols (v1, v2). */
  secretKey?: string;
  /** SSO_CLIENT_ID: the app's OpenID client id. Required by protocol `oidc`. */
  clientId?: string;
  /** SSO_CLIENT_SECRET: its client secret (client_secret_basic); none for a public client, which needs SSO_SESSION_SECRET. */
  clientSecret?: string;
  /** SSO_SCOPES: the OpenID scopes asked for, `openid profile email groups` by default. */
  scopes?: string;
  /** SSO_REMOTE_URL_PREFIX: where the provider serves the handshake; `/sso/` by default. */
  remoteUrlPrefix?: string;
  /**
   * SSO_PROTOCOL: how the app speaks to the provider: the dj-sso handshake with calls signed as `v1`
   * (dj-api-auth, any dj-sso-server; by default) or `v2` (Signet), or OpenID Connect (`oidc`).
   */
  protocol?: SsoClientProtocol;
  /** SSO_TIMEOUT_MS: how long a call to the provider may take; 5000 by default. */
  timeoutMs?: number;
  /** SSO_USER_STORAGE: `db` (the store, by default) or `cache` (the cache) keeps the users. */
  userStorage?: 'db' | 'cache';
  /** SSO_STORE: the store, `memory` (by default) or `mongo`. */
  store?: 'memory' | 'mongo';
  /** SSO_MONGO_URL: the MongoDB of SSO_STORE=mongo; the database is the URL's path. */
  mongoUrl?: string;
  /** SSO_CACHE: sessions (and users with SSO_USER_STORAGE=cache) live in `memory` (by default) or `redis`. */
  cache?: 'memory' | 'redis';
  /** SSO_REDIS_URL: the Redis of SSO_CACHE=redis. */
  redisUrl?: string;
  /** SSO_REDIS_KEY_PREFIX: `sso-client:` by default. */
  redisKeyPrefix?: string;
  /** SSO_BACKEND_TIMEOUT_MS: how long a call to Redis or MongoDB may take; 2000 by default. */
  backendTimeoutMs?: number;
  /** SSO_SESSION_SECRET: signs the app's cookies; derived from the SEC key (or client secret) when not set. */
  sessionSecret?: string;
  /** SSO_APP_URL: the app's public address, for the callback URL; the request's own origin by default. */
  appUrl?: string;
  /** SSO_LOGIN_PATH: `/accounts/login/` by default. */
  loginPath?: string;
  /**
   * SSO_CALLBACK_PATH: `/accounts/sso/callback/` by default (dj-sso-client used `/myssoclient/auth/`);
   * `/oidc/callback` with protocol `oidc` (the redirect URI is the app's address and this path).
   */
  callbackPath?: string;
  /** SSO_LOGOUT_PATH: `/accounts/logout/` by default. */
  logoutPath?: string;
  /** SSO_COOKIE_NAME: the start of the app's cookie names, `sso_client` by default; apps on one host need different ones. */
  cookieName?: string;
}

/** Which variable each option stands for. */
export const optionVariables = {
  url: 'SSO_URL',
  apiKey: 'SSO_API_KEY',
  secretKey: 'SSO_SEC_KEY',
  clientId: 'SSO_CLIENT_ID',
  clientSecret: 'SSO_CLIENT_SECRET',
  scopes: 'SSO_SCOPES',
  remoteUrlPrefix: 'SSO_REMOTE_URL_PREFIX',
  protocol: 'SSO_PROTOCOL',
  timeoutMs: 'SSO_TIMEOUT_MS',
  userStorage: 'SSO_USER_STORAGE',
  store: 'SSO_STORE',
  mongoUrl: 'SSO_MONGO_URL',
  cache: 'SSO_CACHE',
  redisUrl: 'SSO_REDIS_URL',
  redisKeyPrefix: 'SSO_REDIS_KEY_PREFIX',
  backendTimeoutMs: 'SSO_BACKEND_TIMEOUT_MS',
  sessionSecret: 'SSO_SESSION_SECRET',
  appUrl: 'SSO_APP_URL',
  loginPath: 'SSO_LOGIN_PATH',
  callbackPath: 'SSO_CALLBACK_PATH',
  logoutPath: 'SSO_LOGOUT_PATH',
  cookieName: 'SSO_COOKIE_NAME',
} as const satisfies Record<keyof SsoClientSettingOptions, Exclude<keyof typeof ssoClientShape, 'NODE_ENV'>>;

type SsoClientRaw = z.infer<typeof ssoClientSchema>;

/** The provider of the dj-sso handshake, and the app's key pair there. */
export interface DjSsoProviderSettings {
  protocol: 'v1' | 'v2';
  url: string;
  apiKey: string;
  secretKey: string;
  remoteUrlPrefix: string;
  timeoutMs: number;
}

/** The OpenID provider, and the app's client there. */
export interface OidcProviderSettings {
  protocol: 'oidc';
  /** The issuer, without a trailing slash: discovery is at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  clientId: string;
  /** undefined for a public client (PKCE only). */
  clientSecret: string | undefined;
  /** Space-separated, `openid` among them. */
  scopes: string;
  timeoutMs: number;
}

/** An SSO client app's validated settings, in the names the code uses. */
export interface SsoClientConfig {
  isProduction: boolean;
  provider: DjSsoProviderSettings | OidcProviderSettings;
  userStorage: 'db' | 'cache';
  store: 'memory' | 'mongo';
  mongoUrl: string;
  cache: 'memory' | 'redis';
  redisUrl: string;
  redisKeyPrefix: string;
  backendTimeoutMs: number;
  /** undefined: the cookies are signed with a key derived from the SEC key. */
  sessionSecret: string | undefined;
  appUrl: string | undefined;
  paths: { login: string; callback: string; logout: string };
  cookieName: string;
}

/** The settings read; null when a setting `requiredSettings` names is missing (reported apart). */
export function readSsoClient(raw: SsoClientRaw): SsoClientConfig | null {
  const provider = readProvider(raw);
  if (provider === null) return null;
  return {
    isProduction: raw.NODE_ENV === 'production',
    provider,
    userStorage: raw.SSO_USER_STORAGE,
    store: raw.SSO_STORE,
    mongoUrl: raw.SSO_MONGO_URL,
    cache: raw.SSO_CACHE,
    redisUrl: raw.SSO_REDIS_URL,
    redisKeyPrefix: raw.SSO_REDIS_KEY_PREFIX,
    backendTimeoutMs: raw.SSO_BACKEND_TIMEOUT_MS,
    sessionSecret: raw.SSO_SESSION_SECRET,
    appUrl: raw.SSO_APP_URL?.replace(/\/+$/, ''),
    paths: {
      login: raw.SSO_LOGIN_PATH,
      callback: raw.SSO_CALLBACK_PATH ?? DEFAULT_CALLBACK_PATHS[provider.protocol === 'oidc' ? 'oidc' : 'djSso'],
      logout: raw.SSO_LOGOUT_PATH,
    },
    cookieName: raw.SSO_COOKIE_NAME,
  };
}

function readProvider(raw: SsoClientRaw): DjSsoProviderSettings | OidcProviderSettings | null {
  if (raw.SSO_PROTOCOL === 'oidc') {
    if (raw.SSO_CLIENT_ID === undefined) return null;
    return {
      protocol: 'oidc',
      issuer: raw.SSO_URL.replace(/\/+$/, ''),
      clientId: raw.SSO_CLIENT_ID,
      clientSecret: raw.SSO_CLIENT_SECRET,
      scopes: raw.SSO_SCOPES,
      timeoutMs: raw.SSO_TIMEOUT_MS,
    };
  }
  if (raw.SSO_API_KEY === undefined || raw.SSO_SEC_KEY === undefined) return null;
  return {
    protocol: raw.SSO_PROTOCOL,
    url: raw.SSO_URL,
    apiKey: raw.SSO_API_KEY,
    secretKey: raw.SSO_SEC_KEY,
    remoteUrlPrefix: raw.SSO_REMOTE_URL_PREFIX,
    timeoutMs: raw.SSO_TIMEOUT_MS,
  };
}

/** Problems no single field shows: the three routes must be three; an OpenID client needs a key for its cookies. */
export function crossCheckSsoClient(config: SsoClientConfig): string[] {
  const problems: string[] = [];
  const { login, callback, logout } = config.paths;
  if (new Set([login, callback, logout]).size !== 3) {
    problems.push('SSO_LOGIN_PATH, SSO_CALLBACK_PATH, SSO_LOGOUT_PATH: must be three different paths');
  }
  const { provider } = config;
  if (provider.protocol === 'oidc' && provider.clientSecret === undefined && config.sessionSecret === undefined) {
    problems.push('SSO_SESSION_SECRET (option sessionSecret): is required for a public OpenID client (no SSO_CLIENT_SECRET)');
  }
  if (provider.protocol === 'oidc' && config.isProduction && !provider.issuer.startsWith('https:')) {
    problems.push('SSO_URL (option url): must be an https issuer in production (the client secret and tokens travel to it)');
  }
  return problems;
}

/** The secret the app's cookies are signed with, when SSO_SESSION_SECRET is not set: the SEC key, or the client secret. */
export function providerSecret(provider: DjSsoProviderSettings | OidcProviderSettings): string {
  return provider.protocol === 'oidc' ? (provider.clientSecret ?? '') : provider.secretKey;
}
