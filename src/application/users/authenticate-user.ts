import type { Cache } from '../../domain/ports/cache.port.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { Logger } from '../../domain/ports/logger.port.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.port.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import {
  addressSubject,
  LOGIN_WINDOW_SECONDS,
  secondsUntil,
  usernameSubject,
  type ThrottleSubject,
} from '../../domain/users/login-throttle.js';
import type { User } from '../../domain/users/user.js';
import { userErrors } from '../../domain/users/user.errors.js';

export interface AuthenticateUserDeps {
  userDirectory: UserDirectory;
  passwordHasher: PasswordHasher;
  cache: Cache;
  clock: Clock;
  logger: Logger;
}

/** Not a hash: PasswordHasher.verify answers false for it, at the cost of a real check. */
const MATCHES_NOTHING = '';

export interface LoginAttempt {
  username: string;
  password: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
}

/**
 * Checks a username and password, for the provider's own login and the SSO login page alike.
 *
 * Failures are counted per username and per address in the Cache, so that every instance sees
 * them; past the limits further tries are refused until the window ends, whatever the password.
 * An unknown user's password is still checked, against a hash that matches nothing (the port makes
 * that cost what a real check costs), so that it takes as long as a wrong password.
 * A success resets the username's counter, records the login, and re-hashes the password when
 * the configured cost has changed since it was stored.
 */
export class AuthenticateUser {
  constructor(private readonly deps: AuthenticateUserDeps) {}

  async execute(attempt: LoginAttempt): Promise<User> {
    const { username, password, address } = attempt;
    if (username === '' || password === '') throw userErrors.invalidCredentials();
    const subjects = [usernameSubject(username), addressSubject(address)];
    await this.refuseWhileLocked(subjects);

    const { userDirectory, passwordHasher } = this.deps;
    const user = await userDirectory.findByUsername(username);
    const matches = user
      ? await passwordHasher.verify(password, user.passwordHash)
      : await passwordHasher.verify(password, MATCHES_NOTHING).then(() => false);
    if (!user || !matches || !user.isActive) {
      await this.recordFailure(subjects);
      throw userErrors.invalidCredentials();
    }

    await this.deps.cache.delete(subjects[0]!.counterKey);
    const now = this.deps.clock.now();
    await userDirectory.recordLogin(user.username, now);
    if (passwordHasher.needsRehash(user.passwordHash)) await this.rehash(user, password);
    return { ...user, lastLogin: now };
  }

  private async refuseWhileLocked(subjects: readonly ThrottleSubject[]): Promise<void> {
    const locks = await Promise.all(subjects.map((subject) => this.deps.cache.get(subject.lockKey)));
    const until = Math.max(...locks.map((lock) => (lock === null ? 0 : Number(lock) || 0)));
    if (until > 0) throw userErrors.tooManyAttempts(secondsUntil(until, this.deps.clock.now()));
  }

  private async recordFailure(subjects: readonly ThrottleSubject[]): Promise<void> {
    const { cache, clock } = this.deps;
    for (const subject of subjects) {
      const { count, secondsLeft } = await cache.increment(subject.counterKey, LOGIN_WINDOW_SECONDS);
      if (count > subject.maxFailures) {
        await cache.set(subject.lockKey, String(clock.now() + secondsLeft * 1000), secondsLeft);
      }
    }
  }

  private async rehash(user: User, password: string): Promise<void> {
    try {
      const passwordHash = await this.deps.passwordHasher.hash(password);
      const current = await this.deps.userDirectory.findByUsername(user.username);
      if (current && current.passwordHash === user.passwordHash) {
        await this.deps.userDirectory.save({ ...current, passwordHash });
      }
    } catch (error) {
      this.deps.logger.warn('could not re-hash a password with the current parameters', {
        username: user.username,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
