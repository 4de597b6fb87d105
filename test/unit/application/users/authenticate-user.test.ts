import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryFactorStore } from '../../../../src/adapters/memory/memory-factor-store.js';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { AuthenticateUser } from '../../../../src/application/users/authenticate-user.js';
import type { PasswordHasher } from '../../../../src/domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../../../src/domain/users/user-directory.port.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

/** Hashes as `plain:<password>` at cost `cost`; records every password it was asked to check. */
class FakeHasher implements PasswordHasher {
  readonly checked: string[] = [];
  cost = 1;

  async hash(password: string): Promise<string> {
    return `plain:${this.cost}:${password}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    this.checked.push(encoded);
    return encoded.endsWith(`:${password}`) && encoded.startsWith('plain:');
  }

  needsRehash(encoded: string): boolean {
    return !encoded.startsWith(`plain:${this.cost}:`);
  }
}

const quiet = { info() {}, warn() {}, error() {} };

describe('AuthenticateUser', () => {
  let clock: FixedClock;
  let users: MemoryUserDirectory;
  let hasher: FakeHasher;
  let authenticate: AuthenticateUser;

  beforeEach(async () => {
    clock = new FixedClock();
    users = new MemoryUserDirectory();
    hasher = new FakeHasher();
    authenticate = new AuthenticateUser({
      factorStore: new MemoryFactorStore(),
      userDirectory: users,
      passwordHasher: hasher,
      cache: new MemoryCache({ clock }),
      clock,
      logger: quiet,
      config: { passwordHash: { queueLimit: 8 } },
    });
    await users.save(aUser({ username: 'alice', passwordHash: 'plain:1:right' }));
    await users.save(aUser({ username: 'bob', passwordHash: 'plain:1:right' }));
  });

  const attempt = (username: string, password: string, address = '192.0.2.1') =>
    authenticate.execute({ username, password, address });

  it('returns the user for the right password and records the login', async () => {
    const { user } = await attempt('alice', 'right');
    expect(user.username).toBe('alice');
    expect((await users.findByUsername('alice'))?.lastLogin).toBe(clock.now());
  });

  it('refuses a wrong password, an unknown user and an inactive user with the same message', async () => {
    await users.save(aUser({ username: 'carol', passwordHash: 'plain:1:right', isActive: false }));
    const messages = new Set<string>();
    for (const [username, password] of [
      ['alice', 'wrong'],
      ['nobody', 'right'],
      ['carol', 'right'],
    ] as const) {
      const error = await attempt(username, password).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: 'user.invalid_credentials' });
      messages.add((error as Error).message);
    }
    expect(messages.size).toBe(1);
  });

  it('checks the password of an unknown user all the same', async () => {
    await attempt('nobody', 'guess').catch(() => {});
    expect(hasher.checked).toHaveLength(1);
  });

  it('refuses every try for a username after 10 tries, the right password included, until the window ends', async () => {
    for (let i = 0; i < 10; i += 1) {
      await expect(attempt('alice', `wrong-${i}`, `198.51.100.${i}`)).rejects.toMatchObject({ code: 'user.invalid_credentials' });
    }
    const refused = await attempt('alice', 'right').catch((caught: unknown) => caught);
    expect(refused).toMatchObject({ code: 'user.too_many_attempts', details: { retryAfterSeconds: 900 } });
    expect((refused as Error).message).toContain('Try again in 15 minutes');

    clock.advance(600);
    await expect(attempt('alice', 'right')).rejects.toMatchObject({ details: { retryAfterSeconds: 300 } });
    clock.advance(300);
    expect((await attempt('alice', 'right')).user.username).toBe('alice');
  });

  it('does not lock other usernames out when one is', async () => {
    for (let i = 0; i < 11; i += 1) await attempt('alice', 'wrong', `198.51.100.${i}`).catch(() => {});
    expect((await attempt('bob', 'right')).user.username).toBe('bob');
  });

  it('counts the right password as a try too: after 10 wrong ones it is refused', async () => {
    for (let i = 0; i < 10; i += 1) await attempt('alice', 'wrong').catch(() => {});
    await expect(attempt('alice', 'right')).rejects.toMatchObject({ code: 'user.too_many_attempts' });
  });

  it('starts the username count again on a success', async () => {
    for (let i = 0; i < 9; i += 1) await attempt('alice', 'wrong').catch(() => {});
    await attempt('alice', 'right');
    for (let i = 0; i < 9; i += 1) await attempt('alice', 'wrong').catch(() => {});
    expect((await attempt('alice', 'right')).user.username).toBe('alice');
  });

  it('lets one attempt per username be checked at a time, refusing the rest at once', async () => {
    const results = await Promise.allSettled(Array.from({ length: 5 }, () => attempt('alice', 'right')));
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    for (const result of results.filter((outcome) => outcome.status === 'rejected')) {
      expect(result.reason).toMatchObject({ code: 'user.login_busy', details: { retryAfterSeconds: 1 } });
    }
    expect(hasher.checked).toHaveLength(1);
  });

  it('bounds the attempts checked at once across usernames, refusing the rest at once', async () => {
    const names = Array.from({ length: 20 }, (_, i) => `user-${i}`);
    const results = await Promise.allSettled(names.map((name) => attempt(name, 'guess')));
    const busy = results.filter((result) => result.status === 'rejected' && String(result.reason.code) === 'user.login_busy');
    expect(busy).toHaveLength(12);
    expect(hasher.checked).toHaveLength(8);
  });

  it('counts a burst of 100 attempts before checking any password, so no more than 10 are checked', async () => {
    // Each address its own, so that only the username's limit applies; one at a time, as the gate allows.
    const outcomes: string[] = [];
    for (let i = 0; i < 100; i += 1) {
      outcomes.push(
        await attempt('alice', i === 99 ? 'right' : 'wrong', `198.51.100.${i}`).then(
          () => 'in',
          (error: unknown) => (error as { code: string }).code,
        ),
      );
    }
    expect(hasher.checked).toHaveLength(10);
    expect(outcomes.at(-1)).toBe('user.too_many_attempts');
  });

  it('refuses every try from an address after 100 tries there, whatever the username', async () => {
    for (let i = 0; i < 100; i += 1) await attempt(`someone-${i}`, 'wrong', '203.0.113.9').catch(() => {});
    await expect(attempt('alice', 'right', '203.0.113.9')).rejects.toMatchObject({ code: 'user.too_many_attempts' });
    expect((await attempt('alice', 'right', '203.0.113.10')).user.username).toBe('alice');
  });

  it('re-hashes a password stored with other parameters at the next login', async () => {
    hasher.cost = 2;
    await attempt('alice', 'right');
    expect((await users.findByUsername('alice'))?.passwordHash).toBe('plain:2:right');
  });

  it('keeps a new password saved while a login re-hashes the old one', async () => {
    hasher.cost = 2;
    // The new password lands at the last moment: just before the re-hash's own write reaches the store.
    const racing = new MemoryUserDirectory();
    await racing.save(aUser({ username: 'alice', passwordHash: 'plain:1:right' }));
    const changedJustBeforeWrite: UserDirectory = {
      findByUsername: (username) => racing.findByUsername(username),
      list: () => racing.list(),
      listPage: (query) => racing.listPage(query),
      recordLogin: (username, at) => racing.recordLogin(username, at),
      ping: () => racing.ping(),
      save: async (user) => {
        await racing.update(user.username, { passwordHash: 'plain:2:new' });
        await racing.save(user);
      },
      update: async (username, changes, ifPasswordHash) => {
        await racing.update(username, { passwordHash: 'plain:2:new' });
        return racing.update(username, changes, ifPasswordHash);
      },
    };
    const login = new AuthenticateUser({
      factorStore: new MemoryFactorStore(),
      userDirectory: changedJustBeforeWrite,
      passwordHasher: hasher,
      cache: new MemoryCache({ clock }),
      clock,
      logger: quiet,
      config: { passwordHash: { queueLimit: 8 } },
    });
    await login.execute({ username: 'alice', password: 'right', address: '192.0.2.1' });
    expect((await racing.findByUsername('alice'))?.passwordHash).toBe('plain:2:new');
  });

  it('refuses an empty username or password without checking anything', async () => {
    await expect(attempt('', 'right')).rejects.toMatchObject({ code: 'user.invalid_credentials' });
    await expect(attempt('alice', '')).rejects.toMatchObject({ code: 'user.invalid_credentials' });
    expect(hasher.checked).toHaveLength(0);
  });
});
