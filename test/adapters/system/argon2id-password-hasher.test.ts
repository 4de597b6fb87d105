import { describe, expect, it } from 'vitest';
import { MemoryFactorStore } from '../../../src/adapters/memory/memory-factor-store.js';
import { MemoryCache } from '../../../src/adapters/memory/memory-cache.js';
import { MemoryUserDirectory } from '../../../src/adapters/memory/memory-user-directory.js';
import { ARGON2ID_DEFAULT, Argon2idPasswordHasher } from '../../../src/adapters/system/argon2id-password-hasher.js';
import { ScryptPasswordHasher } from '../../../src/adapters/system/scrypt-password-hasher.js';
import { DEMO_USERS } from '../../../src/application/demo/demo-data.js';
import { AuthenticateUser } from '../../../src/application/users/authenticate-user.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { aUser } from '../../support/user-mother.js';

const config = { passwordHash: { logN: 10, concurrency: 2 } };
const hasher = () => new Argon2idPasswordHasher({ config });

describe('Argon2idPasswordHasher', () => {
  it('stores Argon2id, its parameters, a 16-byte salt and a 32-byte key with each hash', async () => {
    const hash = await hasher().hash('123');
    const match = /^\$argon2id\$v=19\$m=7168,t=5,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Buffer.from(match?.[1] ?? '', 'base64')).toHaveLength(16);
    expect(Buffer.from(match?.[2] ?? '', 'base64')).toHaveLength(32);
  });

  it('uses one of the minimums OWASP lists as equivalent by default', () => {
    const owasp = [
      [47104, 1],
      [19456, 2],
      [12288, 3],
      [9216, 4],
      [7168, 5],
    ];
    expect(owasp).toContainEqual([ARGON2ID_DEFAULT.memoryKib, ARGON2ID_DEFAULT.passes]);
    expect(ARGON2ID_DEFAULT.lanes).toBe(1);
  });

  it('verifies the right password, refuses a wrong one, and salts every hash afresh', async () => {
    const argon = hasher();
    const hash = await argon.hash('correct horse');
    expect(await argon.verify('correct horse', hash)).toBe(true);
    expect(await argon.verify('correct hors', hash)).toBe(false);
    expect(await argon.hash('correct horse')).not.toBe(hash);
    expect(argon.needsRehash(hash)).toBe(false);
  });

  it('verifies a scrypt hash and says it should be re-hashed', async () => {
    const old = await new ScryptPasswordHasher({ config }).hash('123');
    const argon = hasher();
    expect(await argon.verify('123', old)).toBe(true);
    expect(await argon.verify('124', old)).toBe(false);
    expect(argon.needsRehash(old)).toBe(true);
  });

  it('says a hash made with other Argon2id parameters should be re-hashed, and still verifies it', async () => {
    const other = new Argon2idPasswordHasher({ config }, { memoryKib: 12288, passes: 3, lanes: 1 });
    const hash = await other.hash('123');
    expect(await hasher().verify('123', hash)).toBe(true);
    expect(hasher().needsRehash(hash)).toBe(true);
  });

  it('answers false for a malformed, foreign or too costly hash instead of throwing or computing it', async () => {
    const argon = hasher();
    for (const hash of [
      '',
      'plain',
      'pbkdf2_sha256$600000$c2FsdA$aGFzaA==',
      '$argon2id$v=19$m=4194304,t=1,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '$argon2i$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
      '$argon2id$v=19$m=7168,t=5,p=1$c2FsdHNhbHRzYWx0$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await argon.verify('123', hash)).toBe(false);
    }
    expect(argon.needsRehash('$scrypt$ln=17,r=8,p=1$AAAA$AAAA')).toBe(true);
  });

  it('spends as long on something that is not a hash as on a real check', async () => {
    const argon = hasher();
    const hash = await argon.hash('123');
    await argon.verify('guess', '');
    // The fastest of several interleaved checks of each: load from elsewhere only ever adds time.
    const fastest = { real: Infinity, fake: Infinity };
    for (let i = 0; i < 8; i += 1) {
      for (const [kind, encoded] of [
        ['real', hash],
        ['fake', ''],
      ] as const) {
        const started = performance.now();
        await argon.verify('guess', encoded);
        fastest[kind] = Math.min(fastest[kind], performance.now() - started);
      }
    }
    expect(fastest.fake).toBeGreaterThan(fastest.real / 2);
  });

  it('holds the demo users\u2019 precomputed hashes at the default parameters, for their published passwords', async () => {
    const argon = hasher();
    for (const demo of DEMO_USERS) {
      expect(argon.needsRehash(demo.passwordHash)).toBe(false);
      expect(await argon.verify(demo.password, demo.passwordHash)).toBe(true);
    }
  });

  it('never computes more hashes at once than the configured concurrency', async () => {
    const argon = new Argon2idPasswordHasher({ config: { passwordHash: { logN: 10, concurrency: 1 } } });
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, argon.running)), 1);
    await Promise.all(Array.from({ length: 6 }, () => argon.hash('123')));
    clearInterval(watch);
    expect(most).toBe(1);
  });
});

describe('a login with a password stored as scrypt', () => {
  it('succeeds, and leaves the password stored as Argon2id at the default parameters', async () => {
    const clock = new FixedClock();
    const users = new MemoryUserDirectory();
    const argon = hasher();
    const scryptHash = await new ScryptPasswordHasher({ config: { passwordHash: { logN: 17, concurrency: 1 } } }).hash('right');
    await users.save(aUser({ username: 'alice', passwordHash: scryptHash }));
    const authenticate = new AuthenticateUser({
      factorStore: new MemoryFactorStore(),
      userDirectory: users,
      passwordHasher: argon,
      cache: new MemoryCache({ clock }),
      clock,
      logger: { info() {}, warn() {}, error() {} },
      config: { passwordHash: { queueLimit: 8 } },
    });

    await authenticate.execute({ username: 'alice', password: 'right', address: '192.0.2.1' });

    const stored = (await users.findByUsername('alice'))?.passwordHash ?? '';
    expect(stored).toMatch(/^\$argon2id\$v=19\$m=7168,t=5,p=1\$/);
    expect(argon.needsRehash(stored)).toBe(false);
    expect(await argon.verify('right', stored)).toBe(true);
    await authenticate.execute({ username: 'alice', password: 'right', address: '192.0.2.1' });
    expect((await users.findByUsername('alice'))?.passwordHash).toBe(stored);
  });
});
