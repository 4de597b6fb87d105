import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/** HMAC-SHA256 under `key` of `message` followed by `more` (a body, say) when given. */
export function hmacSha256(key: string, message: string | Uint8Array, more?: string | Uint8Array): Buffer {
  const mac = createHmac('sha256', key).update(message);
  if (more !== undefined && more.length > 0) mac.update(more);
  return mac.digest();
}

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Compares in time that depends only on the length of `expected`; never throws on a length mismatch. */
export function constantTimeEqual(expected: Uint8Array, given: Uint8Array): boolean {
  if (expected.length !== given.length) {
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(expected, given);
}
