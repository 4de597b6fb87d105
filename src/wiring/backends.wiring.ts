import { asClass, asFunction, asValue } from 'awilix';
import type { BackendConnection } from '../adapters/backend-connection.js';
import { MemoryAuditLog } from '../adapters/memory/memory-audit-log.js';
import { MemoryCache } from '../adapters/memory/memory-cache.js';
import { MemoryLoginMeter } from '../adapters/memory/memory-login-meter.js';
import { MemoryCredentialStore } from '../adapters/memory/memory-credential-store.js';
import { MemoryFactorStore } from '../adapters/memory/memory-factor-store.js';
import { MemoryUnitOfWork } from '../adapters/memory/memory-unit-of-work.js';
import { MemoryOidcClientStore } from '../adapters/memory/memory-oidc-client-store.js';
import { MemoryPasskeyStore } from '../adapters/memory/memory-passkey-store.js';
import { MemorySigningKeyStore } from '../adapters/memory/memory-signing-key-store.js';
import { MemoryUserDirectory } from '../adapters/memory/memory-user-directory.js';
import { MongoAuditLog } from '../adapters/mongo/mongo-audit-log.js';
import { MongoConnection } from '../adapters/mongo/mongo-connection.js';
import { MongoCredentialStore } from '../adapters/mongo/mongo-credential-store.js';
import { MongoFactorStore } from '../adapters/mongo/mongo-factor-store.js';
import { MongoUnitOfWork } from '../adapters/mongo/mongo-unit-of-work.js';
import { MongoOidcClientStore } from '../adapters/mongo/mongo-oidc-client-store.js';
import { MongoPasskeyStore } from '../adapters/mongo/mongo-passkey-store.js';
import { MongoSigningKeyStore } from '../adapters/mongo/mongo-signing-key-store.js';
import { MongoUserDirectory } from '../adapters/mongo/mongo-user-directory.js';
import { SecretCipher } from '../adapters/mongo/secret-cipher.js';
import { RedisCache } from '../adapters/redis/redis-cache.js';
import { RedisConnection } from '../adapters/redis/redis-connection.js';
import { RedisLoginMeter } from '../adapters/redis/redis-login-meter.js';
import { backendGuard } from '../adapters/resilience/backend-guard.js';
import type { CacheBackend, Config, StoreBackend } from '../config/config.schema.js';
import type { BackendRole } from '../domain/backends/backend.errors.js';
import type { AuditLog } from '../domain/admin/audit-log.port.js';
import type { Cache } from '../domain/backends/cache.port.js';
import type { LoginMeter } from '../domain/app-meter/login-meter.port.js';
import type { Clock } from '../domain/shared/clock.port.js';
import type { CredentialStore } from '../domain/api-auth/credential-store.port.js';
import type { FactorStore } from '../domain/factors/factor-store.port.js';
import type { OidcClientStore } from '../domain/oidc/oidc-client-store.port.js';
import type { PasskeyStore } from '../domain/passkeys/passkey-store.port.js';
import type { SigningKeyStore } from '../domain/oidc/signing-key-store.port.js';
import type { Logger } from '../domain/shared/logger.port.js';
import type { UnitOfWork } from '../domain/backends/unit-of-work.port.js';
import type { UserDirectory } from '../domain/users/user-directory.port.js';
import type { Wiring } from './wiring.js';

/** The ports backed by the cache and the store the configuration names. */
export interface BackendsCradle {
  cache: Cache;
  /** The migration meter's counts, beside the cache (memory, or the same Redis). */
  loginMeter: LoginMeter;
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  /** The admin's record of changes and of refused requests, kept in the store. */
  auditLog: AuditLog;
  /** Makes one request's store reads see its store writes. */
  unitOfWork: UnitOfWork;
  /** The OpenID Connect clients. */
  oidcClientStore: OidcClientStore;
  /** The OpenID provider's signing keys (encrypted at rest on a persistent store). */
  signingKeyStore: SigningKeyStore;
  /** Users' passkeys. */
  passkeyStore: PasskeyStore;
  /** Users' second factors (secrets encrypted at rest on a persistent store) and recovery-code digests. */
  factorStore: FactorStore;
  /** The outside services this configuration talks to: opened before serving, closed on shutdown. */
  connections: readonly BackendConnection[];
}

type CacheWiring = Pick<Wiring<BackendsCradle>, 'cache' | 'loginMeter'>;
type StoreWiring = Pick<
  Wiring<BackendsCradle>,
  | 'credentialStore'
  | 'userDirectory'
  | 'auditLog'
  | 'unitOfWork'
  | 'oidcClientStore'
  | 'signingKeyStore'
  | 'passkeyStore'
  | 'factorStore'
>;

interface Chosen<Registrations> {
  registrations: Registrations;
  connections: BackendConnection[];
}

const cacheAdapters = {
  memory: (): Chosen<CacheWiring> => ({
    registrations: { cache: asClass(MemoryCache).singleton(), loginMeter: asClass(MemoryLoginMeter).singleton() },
    connections: [],
  }),
  redis: (config: Config, logger: Logger): Chosen<CacheWiring> => {
    const redis = new RedisConnection({ config, logger });
    const guard = guardFor('cache', config, logger);
    return {
      registrations: {
        cache: asFunction(({ clock }: { clock: Clock }) =>
          guard(new RedisCache({ redisConnection: redis, clock, config })),
        ).singleton(),
        loginMeter: asFunction(() => guard(new RedisLoginMeter({ redisConnection: redis, config }))).singleton(),
      },
      connections: [redis],
    };
  },
} satisfies Record<CacheBackend, (config: Config, logger: Logger) => Chosen<CacheWiring>>;

const storeAdapters = {
  memory: (): Chosen<StoreWiring> => ({
    registrations: {
      credentialStore: asClass(MemoryCredentialStore).singleton(),
      userDirectory: asClass(MemoryUserDirectory).singleton(),
      auditLog: asClass(MemoryAuditLog).singleton(),
      unitOfWork: asClass(MemoryUnitOfWork).singleton(),
      oidcClientStore: asClass(MemoryOidcClientStore).singleton(),
      signingKeyStore: asClass(MemorySigningKeyStore).singleton(),
      passkeyStore: asClass(MemoryPasskeyStore).singleton(),
      factorStore: asClass(MemoryFactorStore).singleton(),
    },
    connections: [],
  }),
  mongo: (config: Config, logger: Logger): Chosen<StoreWiring> => {
    const mongo = new MongoConnection({ config, logger });
    const cipher = new SecretCipher({ config });
    const guard = guardFor('store', config, logger);
    return {
      registrations: {
        credentialStore: asFunction(() =>
          guard(new MongoCredentialStore({ mongoConnection: mongo, secretCipher: cipher })),
        ).singleton(),
        userDirectory: asFunction(() => guard(new MongoUserDirectory({ mongoConnection: mongo }))).singleton(),
        auditLog: asFunction(() => guard(new MongoAuditLog({ mongoConnection: mongo }))).singleton(),
        unitOfWork: asFunction(() => new MongoUnitOfWork({ mongoConnection: mongo })).singleton(),
        oidcClientStore: asFunction(() =>
          guard(new MongoOidcClientStore({ mongoConnection: mongo, secretCipher: cipher })),
        ).singleton(),
        signingKeyStore: asFunction(() =>
          guard(new MongoSigningKeyStore({ mongoConnection: mongo, secretCipher: cipher })),
        ).singleton(),
        passkeyStore: asFunction(() => guard(new MongoPasskeyStore({ mongoConnection: mongo }))).singleton(),
        factorStore: asFunction(() => guard(new MongoFactorStore({ mongoConnection: mongo, secretCipher: cipher }))).singleton(),
      },
      connections: [mongo],
    };
  },
} satisfies Record<StoreBackend, (config: Config, logger: Logger) => Chosen<StoreWiring>>;

/** Picks the adapters the configuration names; the connections they need are made here and nowhere else. */
export function backendsWiring(config: Config, logger: Logger): Wiring<BackendsCradle> {
  const cache = cacheAdapters[config.cache](config, logger);
  const store = storeAdapters[config.store](config, logger);
  return {
    ...cache.registrations,
    ...store.registrations,
    connections: asValue([...cache.connections, ...store.connections]),
  };
}

/** One guard per backend: the ports on it share its state, and the log says once that it went. */
function guardFor(role: BackendRole, config: Config, logger: Logger): <Port extends object>(port: Port) => Port {
  return backendGuard({ role, timeoutMs: config.backendTimeoutMs, logger });
}
