import {
  asClass,
  asFunction,
  asValue,
  createContainer,
  InjectionMode,
  type AwilixContainer,
  type NameAndRegistrationPair,
} from 'awilix';
import { AuthenticateApiRequest } from './application/api-auth/authenticate-api-request.js';
import { AllowEntryPoint } from './application/credentials/allow-entry-point.js';
import { CreateApiKey } from './application/credentials/create-api-key.js';
import { ListApiKeys } from './application/credentials/list-api-keys.js';
import { ReloadEntryPoints } from './application/credentials/reload-entry-points.js';
import { RevokeApiKey } from './application/credentials/revoke-api-key.js';
import { RotateApiKey } from './application/credentials/rotate-api-key.js';
import { SeedDemo } from './application/demo/seed-demo.js';
import { CheckHealth } from './application/health/check-health.js';
import { SeedSsoDemo } from './application/demo/seed-sso-demo.js';
import { EndSession } from './application/sessions/end-session.js';
import { LoadSession } from './application/sessions/load-session.js';
import { StartSession } from './application/sessions/start-session.js';
import { AddSsoHost } from './application/sso-provider/add-sso-host.js';
import { CheckLoginRequest } from './application/sso-provider/check-login-request.js';
import { CompleteSsoLogin } from './application/sso-provider/complete-sso-login.js';
import { IssueRequestToken } from './application/sso-provider/issue-request-token.js';
import { ListSsoHosts } from './application/sso-provider/list-sso-hosts.js';
import { RedeemAuthToken } from './application/sso-provider/redeem-auth-token.js';
import { RemoveSsoHost } from './application/sso-provider/remove-sso-host.js';
import { AuthenticateUser } from './application/users/authenticate-user.js';
import { MemoryUserDirectory } from './adapters/memory/memory-user-directory.js';
import { MongoUserDirectory } from './adapters/mongo/mongo-user-directory.js';
import { DefaultUserSerializer } from './adapters/system/default-user-serializer.js';
import { ModuleUserSerializer } from './adapters/system/module-user-serializer.js';
import { ScryptPasswordHasher } from './adapters/system/scrypt-password-hasher.js';
import { SsoHandshake } from './domain/sso-provider/sso-handshake.js';
import type { PasswordHasher } from './domain/ports/password-hasher.port.js';
import type { UserDirectory } from './domain/ports/user-directory.port.js';
import type { UserSerializer } from './domain/ports/user-serializer.port.js';
import type { BackendConnection } from './adapters/backend-connection.js';
import { MemoryCache } from './adapters/memory/memory-cache.js';
import { MemoryCredentialStore } from './adapters/memory/memory-credential-store.js';
import { MongoConnection } from './adapters/mongo/mongo-connection.js';
import { MongoCredentialStore } from './adapters/mongo/mongo-credential-store.js';
import { SecretCipher } from './adapters/mongo/secret-cipher.js';
import { RedisCache } from './adapters/redis/redis-cache.js';
import { RedisConnection } from './adapters/redis/redis-connection.js';
import { ConsoleLogger } from './adapters/system/console-logger.js';
import { CryptoRandomSource } from './adapters/system/crypto-random-source.js';
import { SystemClock } from './adapters/system/system-clock.js';
import type { CacheBackend, Config, StoreBackend } from './config/config.schema.js';
import type { Cache } from './domain/ports/cache.port.js';
import type { Clock } from './domain/ports/clock.port.js';
import type { CredentialStore } from './domain/ports/credential-store.port.js';
import type { Logger } from './domain/ports/logger.port.js';
import type { RandomSource } from './domain/ports/random-source.port.js';

/** Everything the container can resolve. */
export interface Cradle {
  config: Config;
  logger: Logger;
  clock: Clock;
  random: RandomSource;
  cache: Cache;
  credentialStore: CredentialStore;
  /** The outside services this configuration talks to, opened by main before listening. */
  connections: BackendConnection[];
  redisConnection: RedisConnection;
  mongoConnection: MongoConnection;
  secretCipher: SecretCipher;
  authenticateApiRequest: AuthenticateApiRequest;
  checkHealth: CheckHealth;
  createApiKey: CreateApiKey;
  listApiKeys: ListApiKeys;
  allowEntryPoint: AllowEntryPoint;
  revokeApiKey: RevokeApiKey;
  rotateApiKey: RotateApiKey;
  reloadEntryPoints: ReloadEntryPoints;
  seedDemo: SeedDemo;
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  userSerializer: UserSerializer;
  ssoHandshake: SsoHandshake;
  issueRequestToken: IssueRequestToken;
  checkLoginRequest: CheckLoginRequest;
  completeSsoLogin: CompleteSsoLogin;
  redeemAuthToken: RedeemAuthToken;
  addSsoHost: AddSsoHost;
  listSsoHosts: ListSsoHosts;
  removeSsoHost: RemoveSsoHost;
  authenticateUser: AuthenticateUser;
  startSession: StartSession;
  loadSession: LoadSession;
  endSession: EndSession;
  seedSsoDemo: SeedSsoDemo;
}

export type SignetContainer = AwilixContainer<Cradle>;
type Registrations = NameAndRegistrationPair<Cradle>;

const cacheAdapters = {
  memory: () => ({ cache: asClass(MemoryCache).singleton() }),
  redis: () => ({
    redisConnection: asClass(RedisConnection)
      .singleton()
      .disposer((connection) => connection.close()),
    cache: asClass(RedisCache).singleton(),
  }),
} satisfies Record<CacheBackend, () => Registrations>;

const storeAdapters = {
  memory: () => ({
    credentialStore: asClass(MemoryCredentialStore).singleton(),
    userDirectory: asClass(MemoryUserDirectory).singleton(),
  }),
  mongo: () => ({
    mongoConnection: asClass(MongoConnection)
      .singleton()
      .disposer((connection) => connection.close()),
    secretCipher: asClass(SecretCipher).singleton(),
    credentialStore: asClass(MongoCredentialStore).singleton(),
    userDirectory: asClass(MongoUserDirectory).singleton(),
  }),
} satisfies Record<StoreBackend, () => Registrations>;

/** The one place that names concrete adapters: picks them from config and wires the use cases. */
export function buildContainer(config: Config): SignetContainer {
  const container = createContainer<Cradle>({ injectionMode: InjectionMode.PROXY, strict: true });
  container.register({
    config: asValue(config),
    logger: asClass(ConsoleLogger).singleton(),
    clock: asClass(SystemClock).singleton(),
    random: asClass(CryptoRandomSource).singleton(),
    ...cacheAdapters[config.cache](),
    ...storeAdapters[config.store](),
    connections: asFunction((cradle: Cradle) => [
      ...(config.cache === 'redis' ? [cradle.redisConnection] : []),
      ...(config.store === 'mongo' ? [cradle.mongoConnection] : []),
    ]).singleton(),
    authenticateApiRequest: asClass(AuthenticateApiRequest).singleton(),
    checkHealth: asClass(CheckHealth).singleton(),
    createApiKey: asClass(CreateApiKey).singleton(),
    listApiKeys: asClass(ListApiKeys).singleton(),
    allowEntryPoint: asClass(AllowEntryPoint).singleton(),
    revokeApiKey: asClass(RevokeApiKey).singleton(),
    rotateApiKey: asClass(RotateApiKey).singleton(),
    reloadEntryPoints: asClass(ReloadEntryPoints).singleton(),
    seedDemo: asClass(SeedDemo).singleton(),
    passwordHasher: asClass(ScryptPasswordHasher).singleton(),
    userSerializer: config.sso.userSerializer
      ? asClass(ModuleUserSerializer).singleton()
      : asClass(DefaultUserSerializer).singleton(),
    ssoHandshake: asClass(SsoHandshake).singleton(),
    issueRequestToken: asClass(IssueRequestToken).singleton(),
    checkLoginRequest: asClass(CheckLoginRequest).singleton(),
    completeSsoLogin: asClass(CompleteSsoLogin).singleton(),
    redeemAuthToken: asClass(RedeemAuthToken).singleton(),
    addSsoHost: asClass(AddSsoHost).singleton(),
    listSsoHosts: asClass(ListSsoHosts).singleton(),
    removeSsoHost: asClass(RemoveSsoHost).singleton(),
    authenticateUser: asClass(AuthenticateUser).singleton(),
    startSession: asClass(StartSession).singleton(),
    loadSession: asClass(LoadSession).singleton(),
    endSession: asClass(EndSession).singleton(),
    seedSsoDemo: asClass(SeedSsoDemo).singleton(),
  });
  return container;
}

/** Opens every connection the configuration names; on failure closes those already open. */
export async function openConnections(container: SignetContainer): Promise<void> {
  const opened: BackendConnection[] = [];
  try {
    for (const connection of container.cradle.connections) {
      await connection.open();
      opened.push(connection);
    }
  } catch (error) {
    await Promise.allSettled(opened.map((connection) => connection.close()));
    throw error;
  }
}
