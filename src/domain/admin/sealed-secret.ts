import { createCipheriv, createDecipheriv } from 'node:crypto';

const ALGORITHM = 'aes-256-gcm';
const TAG_BYTES = 16;

/**
 * `plain` encrypted with AES-256-GCM under `key` (32 bytes) and `iv` (12 bytes, never reused with
 * the key), bound to `context`: `<iv>.<tag>.<ciphertext>`, each base64url.
 */
export function seal(plain: string, key: Uint8Array, iv: Uint8Array, context: string): string {
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return [iv, cipher.getAuthTag(), ciphertext].map((part) => Buffer.from(part).toString('base64url')).join('.');
}

/** The plain text of `sealed`; null when it was altered, or sealed under another key or context. */
export function unseal(sealed: string, key: Uint8Array, context: string): string | null {
  const parts = sealed.split('.');
  if (parts.length !== 3 || key.length !== 32) return null;
  const [iv, tag, ciphertext] = parts.map((part) => Buffer.from(part, 'base64url')) as [Buffer, Buffer, Buffer];
  if (iv.length !== 12 || tag.length !== TAG_BYTES) return null;
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(ciphertext), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
