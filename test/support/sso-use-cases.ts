import { MemoryCache } from '../../src/adapters/memory/memory-cache.js';
import { MemoryFactorStore } from '../../src/adapters/memory/memory-factor-store.js';
import { MemoryCredentialStore } from '../../src/adapters/memory/memory-credential-store.js';
import { MemoryUserDirectory } from '../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../src/adapters/system/crypto-random-source.js';
import { DefaultUserSerializer } from '../../src/adapters/system/default-user-serializer.js';
import { AddSsoHost } from '../../src/application/sso-provider/add-sso-host.js';
import { ContinueAsCurrentUser } from '../../src/application/sso-provider/continue-as-current-user.js';
import { IssueRequestToken } from '../../src/application/sso-provider/issue-request-token.js';
import { LogInThroughSsoPage } from '../../src/application/sso-provider/log-in-through-sso-page.js';
import { RedeemAuthToken } from '../../src/application/sso-provider/redeem-auth-token.js';
import { ShowSsoLoginPage } from '../../src/application/sso-provider/show-sso-login-page.js';
import { AuthenticateUser } from '../../src/application/users/authenticate-user.js';
import type { Cache } from '../../src/domain/backends/cache.port.js';
import type { CredentialStore } from '../../src/domain/api-auth/credential-store.port.js';
import type { PasswordHasher } from '../../src/domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../src/domain/users/user-directory.port.js';
import { CallCounter } from './counting-ports.js';
import { FixedClock } from './fixed-clock.js';
import { aUser } from './user-mother.js';

/** Hashes as `plain:<password>`: the use cases' logic without scrypt's cost. */
export const plainHasher: PasswordHasher = {
  hash: async (password) => `plain:${password}`,
  verify: async (password, encoded) => encoded === `plain:${password}`,
  needsRehash: () => false,
};

const quiet = { info() {}, warn() {}, error() {} };

/** The SSO provider's use cases over memory adapters and a fixed clock, every port call counted. */
export interface SsoUseCases {
  clock: FixedClock;
  cache: Cache;
  calls: CallCounter;
  apiKey: string;
  next: string;
  issue: IssueRequestToken;
  show: ShowSsoLoginPage;
  logIn: LogInThroughSsoPage;
  continueAs: ContinueAsCurrentUser;
  redeem: RedeemAuthToken;
  addHost: AddSsoHost;
}

/**
 * Users alice (password `right`, id 41) and gone (inactive); an SSO key for localhost:8000.
 * `cacheClock` lets the cache keep time on a clock of its own, as Redis does.
 */
export async function ssoUseCases(options: { cacheClock?: FixedClock } = {}): Promise<SsoUseCases> {
  const clock = new FixedClock();
  const random = new CryptoRandomSource();
  const calls = new CallCounter();
  const rawUsers = new MemoryUserDirectory();
  await rawUsers.save(aUser({ username: 'alice', passwordHash: 'plain:right', attributes: { id: 41 } }));
  await rawUsers.save(aUser({ username: 'gone', passwordHash: 'plain:right', isActive: false }));
  const cache: Cache = calls.wrap('cache', new MemoryCache({ clock: options.cacheClock ?? clock }));
  const credentialStore: CredentialStore = calls.wrap('credentialStore', new MemoryCredentialStore());
  const userDirectory: UserDirectory = calls.wrap('userDirectory', rawUsers);
  const userSerializer = new DefaultUserSerializer();
  const config = { sso: { requestTokenTtlSeconds: 300 }, passwordHash: { queueLimit: 8 } };
  const authenticateUser = new AuthenticateUser({
    factorStore: calls.wrap('factorStore', new MemoryFactorStore()),
    userDirectory,
    passwordHasher: plainHasher,
    cache,
    clock,
    logger: quiet,
    config,
  });
  const addHost = new AddSsoHost({ credentialStore, cache, clock, random });
  const { apiKey } = await addHost.execute({ host: 'localhost:8000' });
  calls.reset();
  // No second factor here: the second step has tests of its own.
  const beginSecondStep = { execute: async () => ({ kind: 'none' as const }) };
  const deps = {
    cache,
    clock,
    random,
    credentialStore,
    userDirectory,
    userSerializer,
    authenticateUser,
    config,
    beginSecondStep,
  };
  return {
    clock,
    cache,
    calls,
    apiKey,
    next: 'http://localhost:8000/sso/auth/?redirect=/',
    issue: new IssueRequestToken(deps),
    show: new ShowSsoLoginPage(deps),
    logIn: new LogInThroughSsoPage(deps),
    continueAs: new ContinueAsCurrentUser(deps),
    redeem: new RedeemAuthToken(deps),
    addHost,
  };
}
