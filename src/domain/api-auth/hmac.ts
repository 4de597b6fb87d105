import { createHmac, hash, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 under `key` of `message` followed by `more` (a body, say) when given. */
export function hmacSha256(key: string, message: string | Uint8Array, more?: string | Uint8Array): Buffer {
  const mac = createHmac('sha256', key).update(message);
  if (more !== undefined && more.length > 0) mac.update(more);
  return mac.digest();
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
