import { asClass, asFunction, asValue } from 'awilix';
import type { BackendConnection } from '../adapters/backend-connection.js';
import { CacheSsoUserStore } from '../adapters/cache/cache-sso-user-store.js';
import { FetchSsoProviderGateway } from '../adapters/fetch/fetch-sso-provider-gateway.js';
import { djSsoLoginFlow } from '../adapters/http/sso-client/dj-sso-login-flow.js';
import type { LoginFlow } from '../adapters/http/sso-client/login-flow.js';
import { cookieKey } from '../adapters/http/sso-client/signed-cookie.js';
import { MemoryCache } from '../adapters/memory/memory-cache.js';
import { MemorySsoUserStore } from '../adapters/memory/memory-sso-user-store.js';
import { MongoConnection } from '../adapters/mongo/mongo-connection.js';
import { MongoSsoUserStore } from '../adapters/mongo/mongo-sso-user-store.js';
import { RedisCache } from '../adapters/redis/redis-cache.js';
import { RedisConnection } from '../adapters/redis/redis-connection.js';
import { backendGuard } from '../adapters/resilience/backend-guard.js';
import { CryptoRandomSource } from '../adapters/system/crypto-random-source.js';
import { EndSession } from '../application/sessions/end-session.js';
import { LoadSession } from '../application/sessions/load-session.js';
import { StartSession } from '../application/sessions/start-session.js';
import { CompleteSsoLogin } from '../application/sso-client/complete-sso-login.js';
import { GetCurrentUser } from '../application/sso-client/get-current-user.js';
import { LogOut } from '../application/sso-client/log-out.js';
import { StartSsoLogin } from '../application/sso-client/start-sso-login.js';
import { providerSecret, type DjSsoProviderSettings, type SsoClientConfig } from '../config/sso-client.settings.js';
import type { BackendRole } from '../domain/backends/backend.errors.js';
import type { Cache } from '../domain/backends/cache.port.js';
import type { Clock } from '../domain/shared/clock.port.js';
import type { Logger } from '../domain/shared/logger.port.js';
import type { RandomSource } from '../domain/shared/random-source.port.js';
import type { SsoProviderGateway } from '../domain/sso-client/sso-provider-gateway.port.js';
import type { SsoUserStore } from '../domain/sso-client/sso-user-store.port.js';
import { oidcClientWiring } from './oidc-client.wiring.js';
import type { Wiring } from './wiring.js';

/** Everything an SSO client app's container resolves. */
export interface SsoClientCradle {
  config: SsoClientConfig;
  logger: Logger;
  clock: Clock;
  random: RandomSource;
  fetch: typeof fetch;
  /** The app's sessions (and its users, with SSO_USER_STORAGE=cache). */
  cache: Cache;
  ssoUserStore: SsoUserStore;
  /** The outside services this configuration talks to: opened before serving, closed on close(). */
  connections: readonly BackendConnection[];
  startSession: StartSession;
  loadSession: LoadSession;
  endSession: EndSession;
  getCurrentUser: GetCurrentUser;
  /** What the app's cookies are signed with. */
  cookieKey: Buffer;
  /** The protocol the settings name: the dj-sso handshake, or OpenID Connect (see oidc-client.wiring). */
  loginFlow: LoginFlow;
}

/** What the dj-sso handshake adds to the client's cradle. */
export interface DjSsoClientCradle {
  ssoProviderGateway: SsoProviderGateway;
  startSsoLogin: StartSsoLogin;
  completeSsoLogin: CompleteSsoLogin;
  logOut: LogOut;
  loginFlow: LoginFlow;
}

/** What the app hands over rather than the configuration: its log, its clock, its fetch. */
export interface SsoClientParts {
  config: SsoClientConfig;
  logger: Logger;
  clock: Clock;
  fetch: typeof fetch;
}

type Chosen<Name extends keyof SsoClientCradle> = {
  registrations: Pick<Wiring<SsoClientCradle>, Name>;
  connections: BackendConnection[];
};

const caches = {
  memory: (): Chosen<'cache'> => ({ registrations: { cache: asClass(MemoryCache).singleton() }, connections: [] }),
  redis: ({ config, logger }: SsoClientParts): Chosen<'cache'> => {
    const redisConnection = new RedisConnection({
      config: { redisUrl: config.redisUrl, backendTimeoutMs: config.backendTimeoutMs },
      logger,
    });
    const guard = guardFor('cache', config, logger);
    return {
      registrations: {
        cache: asFunction(({ clock }: { clock: Clock }) =>
          guard(new RedisCache({ redisConnection, clock, config: { redisKeyPrefix: config.redisKeyPrefix } })),
        ).singleton(),
      },
      connections: [redisConnection],
    };
  },
} satisfies Record<SsoClientConfig['cache'], (parts: SsoClientParts) => Chosen<'cache'>>;

const stores = {
  memory: (): Chosen<'ssoUserStore'> => ({
    registrations: { ssoUserStore: asClass(MemorySsoUserStore).singleton() },
    connections: [],
  }),
  mongo: ({ config, logger }: SsoClientParts): Chosen<'ssoUserStore'> => {
    const mongoConnection = new MongoConnection({ config: { mongoUrl: config.mongoUrl }, logger });
    const guard = guardFor('store', config, logger);
    return {
      registrations: { ssoUserStore: asFunction(() => guard(new MongoSsoUserStore({ mongoConnection }))).singleton() },
      connections: [mongoConnection],
    };
  },
} satisfies Record<SsoClientConfig['store'], (parts: SsoClientParts) => Chosen<'ssoUserStore'>>;

const userStorages = {
  db: (parts: SsoClientParts): Chosen<'ssoUserStore'> => stores[parts.config.store](parts),
  // Over the cache, which is guarded already when it is Redis.
  cache: (): Chosen<'ssoUserStore'> => ({
    registrations: { ssoUserStore: asClass(CacheSsoUserStore).singleton() },
    connections: [],
  }),
} satisfies Record<SsoClientConfig['userStorage'], (parts: SsoClientParts) => Chosen<'ssoUserStore'>>;

/** Picks the adapters the configuration names and wires the client's use cases, for the protocol it names. */
export function ssoClientWiring(parts: SsoClientParts): Wiring<SsoClientCradle> {
  const { provider } = parts.config;
  const protocol = provider.protocol === 'oidc' ? oidcClientWiring(provider) : djSsoClientWiring(provider);
  const cache = caches[parts.config.cache](parts);
  const users = userStorages[parts.config.userStorage](parts);
  return {
    ...protocol,
    cookieKey: asValue(cookieKey(parts.config.sessionSecret, providerSecret(provider))),
    config: asValue(parts.config),
    logger: asValue(parts.logger),
    clock: asValue(parts.clock),
    random: asClass(CryptoRandomSource).singleton(),
    fetch: asValue(parts.fetch),
    ...cache.registrations,
    ...users.registrations,
    connections: asValue([...cache.connections, ...users.connections]),
    startSession: asClass(StartSession).singleton(),
    loadSession: asClass(LoadSession).singleton(),
    endSession: asClass(EndSession).singleton(),
    getCurrentUser: asClass(GetCurrentUser).singleton(),
  };
}

/** The dj-sso handshake: its gateway over HTTP, signed with the app's key pair, and its use cases. */
function djSsoClientWiring(provider: DjSsoProviderSettings): Wiring<DjSsoClientCradle> {
  return {
    ssoProviderGateway: asFunction(
      ({ logger, fetch }: SsoClientCradle) => new FetchSsoProviderGateway({ config: { provider }, logger, fetch }),
    ).singleton(),
    startSsoLogin: asClass(StartSsoLogin).singleton(),
    completeSsoLogin: asClass(CompleteSsoLogin).singleton(),
    logOut: asClass(LogOut).singleton(),
    loginFlow: asFunction(djSsoLoginFlow).singleton(),
  };
}

/** One guard per backend: the ports on it share its state, and the log says once that it went. */
function guardFor(role: BackendRole, config: SsoClientConfig, logger: Logger): <Port extends object>(port: Port) => Port {
  return backendGuard({ role, timeoutMs: config.backendTimeoutMs, logger });
}
