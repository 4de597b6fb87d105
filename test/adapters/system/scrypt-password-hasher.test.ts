import { describe, expect, it } from 'vitest';
import { ScryptPasswordHasher } from '../../../src/adapters/system/scrypt-password-hasher.js';

const cheap = (logN = 10) => new ScryptPasswordHasher({ config: { passwordHash: { logN, concurrency: 2 } } });

describe('ScryptPasswordHasher', () => {
  it('stores the parameters, a 16-byte salt and a 32-byte key with each hash', async () => {
    const hash = await cheap().hash('123');
    const match = /^\$scrypt\$ln=10,r=8,p=1\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/.exec(hash);
    expect(match).not.toBeNull();
    expect(Buffer.from(match![1]!, 'base64')).toHaveLength(16);
    expect(Buffer.from(match![2]!, 'base64')).toHaveLength(32);
  });

  it('salts every hash afresh', async () => {
    const hasher = cheap();
    expect(await hasher.hash('123')).not.toBe(await hasher.hash('123'));
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hasher = cheap();
    const hash = await hasher.hash('correct horse');
    expect(await hasher.verify('correct horse', hash)).toBe(true);
    expect(await hasher.verify('correct hors', hash)).toBe(false);
  });

  it('verifies a hash made with other parameters, and says it should be re-hashed', async () => {
    const old = await cheap(11).hash('123');
    const hasher = cheap(12);
    expect(await hasher.verify('123', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
    expect(hasher.needsRehash(await hasher.hash('123'))).toBe(false);
  });

  it('answers false for a malformed or foreign hash instead of throwing', async () => {
    const hasher = cheap();
    for (const hash of [
      '',
      'plain',
      'pbkdf2_sha256$600000$c2FsdA$aGFzaA==',
      '$scrypt$ln=40,r=8,p=1$AAAA$AAAAAAAAAAAAAAAAAAAAAA',
    ]) {
      expect(await hasher.verify('123', hash)).toBe(false);
      expect(hasher.needsRehash(hash)).toBe(true);
    }
  });

  it('spends as long on something that is not a hash as on a real check', async () => {
    const hasher = new ScryptPasswordHasher({ config: { passwordHash: { logN: 15, concurrency: 1 } } });
    const hash = await hasher.hash('123');
    const time = async (encoded: string) => {
      const started = performance.now();
      await hasher.verify('guess', encoded);
      return performance.now() - started;
    };
    // The fastest of several interleaved tries of each: a busy machine only ever adds time, so one
    // slow try of the real check (a pause, another process) cannot make the other look short.
    const real: number[] = [];
    const notAHash: number[] = [];
    for (let round = 0; round < 5; round += 1) {
      real.push(await time(hash));
      notAHash.push(await time(''));
    }
    expect(Math.min(...notAHash)).toBeGreaterThan(Math.min(...real) / 2);
  });

  it('hashes at the default cost of N = 2^17 within the raised memory limit', async () => {
    const hasher = cheap(17);
    const hash = await hasher.hash('123');
    expect(hash.startsWith('$scrypt$ln=17,r=8,p=1$')).toBe(true);
    expect(await hasher.verify('123', hash)).toBe(true);
  });

  it('runs no more hashes at once than configured', async () => {
    const hasher = new ScryptPasswordHasher({ config: { passwordHash: { logN: 14, concurrency: 2 } } });
    let most = 0;
    const watch = setInterval(() => (most = Math.max(most, hasher.running)), 1);
    await Promise.all(['a', 'b', 'c', 'd', 'e'].map((password) => hasher.hash(password)));
    clearInterval(watch);
    expect(most).toBe(2);
    expect(hasher.running).toBe(0);
  });
});
