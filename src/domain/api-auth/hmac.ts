import { createHmac, createSecretKey, hash, timingSafeEqual, type KeyObject } from 'node:crypto';

/**
 * HMAC-SHA256 under `key` of `message` followed by `more` (a body, say) when given, as text in
 * `encoding`. The digest is encoded by OpenSSL's side directly, rather than through a Buffer.
 */
export function hmacSha256(
  key: string,
  encoding: 'hex' | 'base64',
  message: string | Uint8Array,
  more?: string | Uint8Array,
): string {
  const mac = createHmac('sha256', keyObjectOf(key)).update(message);
  if (more !== undefined && more.length > 0) mac.update(more);
  return mac.digest(encoding);
}

/**
 * Key objects of the SEC keys seen lately. Turning a text key into OpenSSL's key on every call
 * costs as much as the HMAC itself; the key object is made once per SEC key instead. Bounded: the
 * oldest go first, and a SEC key the store no longer has is never asked for again.
 */
const keyObjects = new Map<string, KeyObject>();
const MAX_KEY_OBJECTS = 1024;

function keyObjectOf(key: string): KeyObject {
  let keyObject = keyObjects.get(key);
  if (keyObject === undefined) {
    if (keyObjects.size >= MAX_KEY_OBJECTS) {
      const oldest = keyObjects.keys().next();
      if (oldest.done !== true) keyObjects.delete(oldest.value);
    }
    keyObject = createSecretKey(Buffer.from(key, 'utf8'));
    keyObjects.set(key, keyObject);
  }
  return keyObject;
}

/** Lower-case hex SHA-256; the one-shot hash, since this runs twice on every v2 request. */
export function sha256Hex(data: string | Uint8Array): string {
  return hash('sha256', data, 'hex');
}

/** Compares in time that depends only on the length of `expected`; never throws on a length mismatch. */
export function constantTimeEqual(expected: Uint8Array, given: Uint8Array): boolean {
  if (expected.length !== given.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}

/**
 * Compares two strings in time that depends only on the length of `expected`; never throws.
 * For ASCII texts such as base64 or hex digests, where converting to bytes first would cost more
 * than the comparison.
 */
export function constantTimeTextEqual(expected: string, given: string): boolean {
  let difference = expected.length ^ given.length;
  for (let i = 0; i < expected.length; i += 1) {
    difference |= expected.charCodeAt(i) ^ (i < given.length ? given.charCodeAt(i) : 0);
  }
  return difference === 0;
}
