import { beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemoryAuditLog } from '../../../../src/adapters/memory/memory-audit-log.js';
import { MemoryCache } from '../../../../src/adapters/memory/memory-cache.js';
import { MemoryPasskeyStore } from '../../../../src/adapters/memory/memory-passkey-store.js';
import { MemoryUserDirectory } from '../../../../src/adapters/memory/memory-user-directory.js';
import { CryptoRandomSource } from '../../../../src/adapters/system/crypto-random-source.js';
import { BeginPasskeySignIn } from '../../../../src/application/passkeys/begin-passkey-sign-in.js';
import { SignInWithPasskey } from '../../../../src/application/passkeys/sign-in-with-passkey.js';
import type { WebAuthnCeremonies } from '../../../../src/domain/passkeys/webauthn.port.js';
import { PasskeyError } from '../../../../src/domain/passkeys/passkey.errors.js';
import { MAX_CHALLENGES_PER_ADDRESS } from '../../../../src/domain/passkeys/passkey-challenge.js';
import { aPasskey } from '../../../contract/passkey-store.contract.js';
import { CapturingLogger } from '../../../support/capturing-logger.js';
import { FixedClock } from '../../../support/fixed-clock.js';
import { aUser } from '../../../support/user-mother.js';

/** Ceremonies that read a response as `{"id", "counter", "valid"}`: the use case's own rules are what is tested here. */
const ceremonies: WebAuthnCeremonies = {
  registrationOptions: () => Promise.reject(new Error('not used')),
  verifyRegistration: () => Promise.reject(new Error('not used')),
  signInOptions: async () => ({ options: { challenge: 'c' }, challenge: 'c' }),
  claimedCredential: (response) => {
    const parsed: unknown = JSON.parse(response);
    return typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string'
      ? { id: parsed.id, userHandle: null }
      : null;
  },
  verifySignIn: async ({ response }) => {
    const parsed = z.object({ counter: z.number(), valid: z.boolean() }).parse(JSON.parse(response));
    return parsed.valid ? { counter: parsed.counter } : { refused: 'bad signature' };
  },
};

describe('signing in with a passkey', () => {
  let clock: FixedClock;
  let logger: CapturingLogger;
  let store: MemoryPasskeyStore;
  let users: MemoryUserDirectory;
  let auditLog: MemoryAuditLog;
  let begin: BeginPasskeySignIn;
  let signIn: SignInWithPasskey;

  beforeEach(async () => {
    clock = new FixedClock();
    logger = new CapturingLogger();
    store = new MemoryPasskeyStore();
    users = new MemoryUserDirectory();
    auditLog = new MemoryAuditLog();
    const cache = new MemoryCache({ clock });
    const random = new CryptoRandomSource();
    const config = { passkeys: { relyingParty: { id: 'localhost', origin: 'http://localhost:3000', name: 'Signet' } } };
    begin = new BeginPasskeySignIn({ webAuthnCeremonies: ceremonies, cache, random, config });
    signIn = new SignInWithPasskey({
      passkeyStore: store,
      webAuthnCeremonies: ceremonies,
      userDirectory: users,
      auditLog,
      cache,
      clock,
      random,
      logger,
      config,
    });
    await users.save(aUser({ username: 'alice' }));
    await store.add(aPasskey({ id: 'k1', username: 'alice', counter: 7 }));
  });

  async function answer(response: object, extra: { username?: string } = {}) {
    const { binding } = await begin.execute('192.0.2.1');
    return signIn.execute({ binding, response: JSON.stringify(response), address: '192.0.2.1', ...extra });
  }

  const code = (error: unknown) => (error instanceof PasskeyError ? error.code : error);

  it('signs the passkey’s user in, and records the new counter and when', async () => {
    const { user } = await answer({ id: 'k1', counter: 8, valid: true });
    expect(user.username).toBe('alice');
    expect(await store.find('k1')).toMatchObject({ counter: 8, lastUsedAt: clock.now() });
    expect((await users.findByUsername('alice'))?.lastLogin).toBe(clock.now());
  });

  it('refuses a counter that did not rise, and audits it once the signature is good', async () => {
    await expect(answer({ id: 'k1', counter: 7, valid: true }).catch(code)).resolves.toBe('passkey.counter_regressed');
    const entries = await auditLog.list({}, { limit: 10 });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ via: 'login', actor: 'alice', action: 'passkey.counter-regressed', address: '192.0.2.1' });
    expect(await store.find('k1')).toMatchObject({ counter: 7, lastUsedAt: null });
  });

  it('audits nothing for a forged answer, whatever counter it claims', async () => {
    await expect(answer({ id: 'k1', counter: 1, valid: false }).catch(code)).resolves.toBe('passkey.not_accepted');
    expect(await auditLog.list({}, { limit: 10 })).toEqual([]);
  });

  it('refuses an inactive user, without recording a use', async () => {
    await users.update('alice', { isActive: false });
    await expect(answer({ id: 'k1', counter: 8, valid: true }).catch(code)).resolves.toBe('passkey.not_accepted');
    expect(await store.find('k1')).toMatchObject({ counter: 7 });
  });

  it('after a password, takes only the passkey of the user whose password was checked', async () => {
    await store.add(aPasskey({ id: 'k2', username: 'bob', userHandle: 'bob-handle' }));
    await expect(answer({ id: 'k2', counter: 1, valid: true }, { username: 'alice' }).catch(code)).resolves.toBe(
      'passkey.not_accepted',
    );
    await expect(answer({ id: 'k1', counter: 8, valid: true }, { username: 'alice' })).resolves.toMatchObject({
      user: { username: 'alice' },
    });
  });

  it('refuses a browser without a binding, or one whose challenge was taken', async () => {
    await expect(signIn.execute({ binding: null, response: '{}', address: 'a' }).catch(code)).resolves.toBe('passkey.expired');
    const { binding } = await begin.execute('192.0.2.1');
    await signIn.execute({ binding, response: JSON.stringify({ id: 'k1', counter: 8, valid: true }), address: 'a' });
    await expect(
      signIn.execute({ binding, response: JSON.stringify({ id: 'k1', counter: 9, valid: true }), address: 'a' }).catch(code),
    ).resolves.toBe('passkey.expired');
  });

  it('lets a challenge live five minutes, and no longer', async () => {
    const { binding } = await begin.execute('192.0.2.1');
    clock.advance(301);
    await expect(
      signIn.execute({ binding, response: JSON.stringify({ id: 'k1', counter: 8, valid: true }), address: 'a' }).catch(code),
    ).resolves.toBe('passkey.expired');
  });

  it('gives one address at most MAX_CHALLENGES_PER_ADDRESS challenges in a window, saying when to come back', async () => {
    for (let given = 0; given < MAX_CHALLENGES_PER_ADDRESS; given += 1) await begin.execute('2001:db8:1:2::7');
    // Another address of the same /64 is the same client.
    const refused = await begin.execute('2001:db8:1:2::8').catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(PasskeyError);
    expect(refused).toMatchObject({ code: 'passkey.too_many_challenges', details: { retryAfterSeconds: 15 * 60 } });
    await expect(begin.execute('192.0.2.9')).resolves.toHaveProperty('binding');
    clock.advance(15 * 60);
    await expect(begin.execute('2001:db8:1:2::7')).resolves.toHaveProperty('binding');
  });

  it('logs neither the browser binding nor the answer', async () => {
    const bindings: string[] = [];
    for (const response of [
      { id: 'k1', counter: 7, valid: true, signature: 'SIGNATURE-BYTES' },
      { id: 'k1', counter: 8, valid: false },
    ]) {
      const { binding } = await begin.execute('192.0.2.1');
      bindings.push(binding);
      await signIn.execute({ binding, response: JSON.stringify(response), address: 'a' }).catch(() => undefined);
    }
    const logged = JSON.stringify(logger.lines);
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const binding of bindings) expect(logged).not.toContain(binding);
    expect(logged).not.toContain('SIGNATURE-BYTES');
  });
});
