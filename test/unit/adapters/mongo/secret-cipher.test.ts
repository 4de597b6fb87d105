import { describe, expect, it } from 'vitest';
import { SecretCipher } from '../../../../src/adapters/mongo/secret-cipher.js';

const masterKey = '0123456789abcdef'.repeat(4);
const otherKey = 'fedcba9876543210'.repeat(4);
const cipher = new SecretCipher({ config: { masterKey } });

/** `stored` with one base64url character of part `index` (1 iv, 2 tag, 3 ciphertext) changed. */
function altered(stored: string, index: number): string {
  const parts = stored.split('.');
  const part = parts[index] as string;
  parts[index] = (part.startsWith('A') ? 'B' : 'A') + part.slice(1);
  return parts.join('.');
}

function decryptError(run: () => string): Error {
  try {
    run();
  } catch (error) {
    return error as Error;
  }
  throw new Error('decrypt succeeded');
}

describe('SecretCipher', () => {
  it('a secret decrypts back to itself under the same context', () => {
    for (const plain of ['sec-3f9a', '', 'ünïcødé ✓ and spaces', 'x'.repeat(500)]) {
      expect(cipher.decrypt(cipher.encrypt(plain, 'AK-1'), 'AK-1')).toBe(plain);
    }
  });

  it('the stored form is v1 with a 12-byte IV, a 16-byte tag and the ciphertext, all base64url', () => {
    const [version, iv, tag, ciphertext, ...rest] = cipher.encrypt('sec-3f9a', 'AK-1').split('.');
    expect(version).toBe('v1');
    expect(Buffer.from(iv as string, 'base64url')).toHaveLength(12);
    expect(Buffer.from(tag as string, 'base64url')).toHaveLength(16);
    expect(ciphertext).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(rest).toEqual([]);
  });

  it('encrypting the same secret twice gives different stored forms, neither showing the secret', () => {
    const first = cipher.encrypt('sec-3f9a-visible?', 'AK-1');
    const second = cipher.encrypt('sec-3f9a-visible?', 'AK-1');
    expect(first).not.toBe(second);
    expect(first).not.toContain('sec-3f9a');
    expect(Buffer.from(first.split('.')[3] as string, 'base64url').toString('latin1')).not.toContain('sec-3f9a');
  });

  it('a secret does not decrypt under another context', () => {
    const stored = cipher.encrypt('sec-3f9a', 'AK-1');
    expect(() => cipher.decrypt(stored, 'AK-2')).toThrow(/cannot be decrypted/);
  });

  it('a secret does not decrypt under another master key', () => {
    const stored = cipher.encrypt('sec-3f9a', 'AK-1');
    const other = new SecretCipher({ config: { masterKey: otherKey } });
    expect(() => other.decrypt(stored, 'AK-1')).toThrow(/cannot be decrypted/);
  });

  it('an altered IV, tag or ciphertext is refused', () => {
    const stored = cipher.encrypt('sec-3f9a', 'AK-1');
    for (const index of [1, 2, 3]) {
      expect(() => cipher.decrypt(altered(stored, index), 'AK-1')).toThrow(/cannot be decrypted/);
    }
  });

  it('a stored value in another format is refused', () => {
    const stored = cipher.encrypt('sec-3f9a', 'AK-1');
    expect(() => cipher.decrypt(stored.replace(/^v1/, 'v2'), 'AK-1')).toThrow(/not in the v1 format/);
    expect(() => cipher.decrypt('sec-3f9a', 'AK-1')).toThrow(/not in the v1 format/);
    expect(() => cipher.decrypt(`v1..${stored.split('.')[2]}.${stored.split('.')[3]}`, 'AK-1')).toThrow(/malformed IV/);
  });

  it('a failed decryption names neither the secret nor the master key', () => {
    const stored = cipher.encrypt('sec-3f9a', 'AK-1');
    const error = decryptError(() => cipher.decrypt(altered(stored, 3), 'AK-1'));
    expect(error.message).not.toContain('sec-3f9a');
    expect(error.message).not.toContain(masterKey);
    expect(String(error.stack)).not.toContain(masterKey);
  });

  it('a missing or malformed master key is refused at construction without echoing it', () => {
    for (const bad of [undefined, '', 'abc', `${masterKey}00`, 'g'.repeat(64)]) {
      expect(() => new SecretCipher({ config: { masterKey: bad } })).toThrow(/SIGNET_MASTER_KEY must be 64 hex characters/);
    }
    expect(() => new SecretCipher({ config: { masterKey: 'z'.repeat(64) } })).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('zzzz') }),
    );
  });
});
