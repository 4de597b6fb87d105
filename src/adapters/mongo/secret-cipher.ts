import { createCipheriv, createDecipheriv, createSecretKey, randomBytes, type KeyObject } from 'node:crypto';

export type SecretCipherDeps = {
  config: { masterKey: string | undefined };
};

const ALGORITHM = 'aes-256-gcm';
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts secrets at rest with AES-256-GCM under the master key. Each value is bound to a context
 * (such as its API key) as additional authenticated data, so a ciphertext copied to another record
 * no longer decrypts. Stored form: `v1.<iv>.<tag>.<ciphertext>`, each part base64url.
 */
export class SecretCipher {
  private readonly key: KeyObject;

  constructor(deps: SecretCipherDeps) {
    const hex = deps.config.masterKey;
    if (!hex || !/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new Error('SIGNET_MASTER_KEY must be 64 hex characters (a 256-bit key) to encrypt stored secrets');
    }
    this.key = createSecretKey(Buffer.from(hex, 'hex'));
  }

  /** The stored form of `plain`, bound to `context`; a fresh random IV makes each result different. */
  encrypt(plain: string, context: string): string {
    // The IV only has to be unique per key; it is not a value tests need to predict, so it comes
    // straight from the CSPRNG rather than the injectable random source.
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return [VERSION, ...[iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64url'))].join('.');
  }

  /** The plain text of `stored`; throws when it was altered, or made under another key or context. */
  decrypt(stored: string, context: string): string {
    const parts = stored.split('.');
    if (parts.length !== 4 || parts[0] !== VERSION) {
      throw new Error(`stored secret is not in the ${VERSION} format`);
    }
    const [iv, tag, ciphertext] = parts.slice(1).map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
    if (iv.length !== IV_BYTES || tag.length !== TAG_BYTES) {
      throw new Error('stored secret has a malformed IV or authentication tag');
    }
    try {
      const decipher = createDecipheriv(ALGORITHM, this.key, iv, { authTagLength: TAG_BYTES });
      decipher.setAAD(Buffer.from(context, 'utf8'));
      decipher.setAuthTag(tag);
      return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
    } catch {
      throw new Error('stored secret cannot be decrypted: wrong master key, wrong context, or altered data');
    }
  }
}
