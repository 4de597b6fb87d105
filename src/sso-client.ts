import { createContainer, InjectionMode, type Resolver } from 'awilix';
import type { Middleware } from 'koa';
import { createSsoClientHttp } from './adapters/http/sso-client/sso-client.middleware.js';
import type { SsoState } from './adapters/http/sso-client/sso-state.js';
import { createPinoLogger } from './adapters/system/pino-logger.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { ConfigError, loadSsoClientConfig } from './config/load-config.js';
import type { SsoClientConfig, SsoClientSettingOptions } from './config/sso-client.settings.js';
import type { Clock } from './domain/shared/clock.port.js';
import type { Logger } from './domain/shared/logger.port.js';
import { OidcClientError } from './domain/oidc-client/oidc-client.errors.js';
import { ssoClientWiring, type SsoClientCradle } from './wiring/sso-client.wiring.js';

export { ConfigError } from './config/load-config.js';
export type { SsoClientSettingOptions } from './config/sso-client.settings.js';
export type { SsoHelpers, SsoState } from './adapters/http/sso-client/sso-state.js';
export type { SsoUser } from './domain/sso-client/sso-user.js';

/** `ssoClient()`'s options: any setting (else its SSO_* variable), and what the app may hand over. */
export interface SsoClientOptions extends SsoClientSettingOptions {
  /** Where the client reports (a lost backend, a failing provider); JSON lines on standard error by default. */
  logger?: Logger;
  clock?: Clock;
  /** The fetch calls to the provider go through; the platform's by default. */
  fetch?: typeof fetch;
  /** Where the SSO_* variables are read; process.env by default. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** Registrations replacing the configured ones before anything is resolved (tests: a cache to look into). */
export type SsoClientOverrides = { [Name in keyof SsoClientCradle]?: Resolver<SsoClientCradle[Name]> };

/**
 * Single sign-on for a Koa app, against Signet or any dj-sso-server-compatible provider (the dj-sso
 * handshake), or any OpenID provider (`protocol: 'oidc'`).
 */
export interface SsoClient {
  /**
   * Mount before the app's routes: puts the logged-in user on `ctx.state.user` (null for a visitor)
   * and `ctx.state.sso` on every request, and serves the login route, the provider's callback and the
   * logout route (`/accounts/login/`, `/accounts/sso/callback/` or with OpenID Connect
   * `/oidc/callback`, `POST /accounts/logout/` by default).
   */
  middleware(): Middleware<SsoState>;
  /** For a route of logged-in users: a visitor's GET goes to the login route and comes back after. */
  requireLogin(): Middleware<SsoState>;
  /** The settings in force (secrets included: never show them). */
  readonly config: SsoClientConfig;
  /** Closes the connections to Redis and MongoDB, if any. */
  close(): Promise<void>;
}

/**
 * Builds an app's SSO client: the settings (options, else SSO_* variables) are checked first and
 * every problem reported at once (a ConfigError); then the backends they name are connected. With
 * `protocol: 'oidc'` the provider's metadata is read too: an issuer where no such OpenID provider
 * answers is a ConfigError; a provider that cannot be reached yet is logged, and read at the first login.
 */
export async function ssoClient(options: SsoClientOptions = {}, overrides: SsoClientOverrides = {}): Promise<SsoClient> {
  const { logger: givenLogger, clock, fetch, env, ...settings } = options;
  const config = loadSsoClientConfig(settings, env);
  const logger = givenLogger ?? (await createPinoLogger({ level: 'info', format: 'json' }));
  const container = createContainer<SsoClientCradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register(ssoClientWiring({ config, logger, clock: clock ?? new SystemClock(), fetch: fetch ?? globalThis.fetch }));
  container.register(overrides);
  const { connections } = container.cradle;
  const opened: SsoClientCradle['connections'][number][] = [];
  const close = async (): Promise<void> => {
    await Promise.allSettled(opened.map((connection) => connection.close()));
    await container.dispose();
  };
  try {
    for (const connection of connections) {
      await connection.open();
      opened.push(connection);
    }
    await prepare(container.cradle.loginFlow, logger);
  } catch (error) {
    await close();
    throw error;
  }
  if (config.isProduction && (config.cache === 'memory' || (config.userStorage === 'db' && config.store === 'memory'))) {
    logger.warn(
      'SSO CLIENT ON MEMORY ADAPTERS IN PRODUCTION: sessions are lost on restart and not shared between instances; set SSO_CACHE=redis (and SSO_STORE=mongo)',
    );
  }
  const http = createSsoClientHttp(container.cradle);
  return { middleware: () => http.middleware(), requireLogin: () => http.requireLogin(), config, close };
}

/** What the protocol reads before serving: a wrong issuer stops the app; an unreachable provider does not. */
async function prepare(flow: SsoClientCradle['loginFlow'], logger: Logger): Promise<void> {
  try {
    await flow.prepare();
  } catch (error) {
    if (!(error instanceof OidcClientError)) throw error;
    if (error.code === 'oidc_client.issuer_invalid') throw new ConfigError([`SSO_URL (option url): ${error.message}`]);
    if (error.code !== 'oidc_client.provider_unavailable') throw error;
    logger.warn(
      'the OpenID provider cannot be reached yet: logins answer 503 until it can be (discovery is tried again at each)',
    );
  }
}
