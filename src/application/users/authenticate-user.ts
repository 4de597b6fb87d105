import type { Cache } from '../../domain/backends/cache.port.js';
import type { FactorStore } from '../../domain/factors/factor-store.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { sessionFloorKey } from '../../domain/sessions/session.js';
import type { User } from '../../domain/users/user.js';
import { userErrors } from '../../domain/users/user.errors.js';
import { clearLoginCount, countLoginAttempt } from './count-login-attempt.js';
import { LoginGate } from './login-gate.js';

export interface AuthenticateUserDeps {
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  cache: Cache;
  /** A user with a second factor has their count started again only once that factor passes too. */
  factorStore: Pick<FactorStore, 'listFactors'>;
  clock: Clock;
  logger: Logger;
  config: { passwordHash: { queueLimit: number } };
}

/** Not a hash: PasswordHasher.verify answers false for it, at the cost of a real check. */
const MATCHES_NOTHING = '';

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
}

/** A user whose password was just checked. */
export interface Authenticated {
  user: User;
  /**
   * The user's session floor as it was before the user was read: what a session or an SSO grant
   * begun by this login keeps, so that a new password or a deactivation landing while the old
   * password was being checked ends it too.
   */
  floor: string | null;
}

/**
 * Checks a username and password, for the provider's own login and the SSO login page alike.
 *
 * Every attempt is counted, per address and per username, in the Cache (so every instance sees it)
 * and in one atomic step before anything else: past a limit, further tries are refused until the
 * window ends, whatever the password, and a burst of any size gets no more tries than the limits
 * allow. A success starts the username's count again (for a user with a second factor, once it passes).
 * The work waiting for the cache and the hasher is bounded (LoginGate): a second attempt for a
 * username whose first is still being checked, or any attempt while the gate is full, is refused at
 * once, before it is counted.
 * An unknown user's password is still checked, against a hash that matches nothing (the port makes
 * that cost what a real check costs), so that it takes as long as a wrong password.
 */
export class AuthenticateUser {
  private readonly gate: LoginGate;

  constructor(private readonly deps: AuthenticateUserDeps) {
    this.gate = new LoginGate(deps.config.passwordHash.queueLimit);
  }

  async execute(attempt: LoginAttempt): Promise<Authenticated> {
    const { username, password, address } = attempt;
    if (username === '' || password === '') throw userErrors.invalidCredentials();
    // The gate comes first: a try refused for being one too many at once has done nothing, so it
    // is not counted, and at most the gate's capacity of tries wait on the cache when it freezes.
    if (!this.gate.enter(username)) throw userErrors.loginBusy();
    try {
      await countLoginAttempt(this.deps.cache, username, address);
      return await this.check(username, password);
    } finally {
      this.gate.leave(username);
    }
  }

  private async check(username: string, password: string): Promise<Authenticated> {
    const { cache, userDirectory, passwordHasher, clock } = this.deps;
    // The floor first: a change saves the user, then sets a new floor (EndUserSessions).
    const floor = await cache.get(sessionFloorKey(username));
    const user = await userDirectory.findByUsername(username);
    const matches = user
      ? await passwordHasher.verify(password, user.passwordHash)
      : await passwordHasher.verify(password, MATCHES_NOTHING).then(() => false);
    if (!user || !matches || !user.isActive) throw userErrors.invalidCredentials();

    const now = clock.now();
    await Promise.all([this.clearCountUnlessFactors(username), userDirectory.recordLogin(user.username, now)]);
    if (passwordHasher.needsRehash(user.passwordHash)) await this.rehash(user, password);
    return { user: { ...user, lastLogin: now }, floor };
  }

  /**
   * A right password starts the username's count again, unless a second factor is still to come:
   * then only that factor's success does, so that whoever knows the password cannot reset the count
   * of wrong codes by typing it again.
   */
  private async clearCountUnlessFactors(username: string): Promise<void> {
    const factors = await this.deps.factorStore.listFactors(username);
    if (factors.length === 0) await clearLoginCount(this.deps.cache, username);
  }

  private async rehash(user: User, password: string): Promise<void> {
    try {
      const passwordHash = await this.deps.passwordHasher.hash(password);
      // Only while the hash is still the one checked: a new password saved meanwhile must stand.
      await this.deps.userDirectory.update(user.username, { passwordHash }, user.passwordHash);
    } catch (error) {
      this.deps.logger.warn('could not re-hash a password with the current parameters', {
        username: user.username,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
