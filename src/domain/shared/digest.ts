import { hash } from 'node:crypto';

/**
 * The SHA-256 of a text's UTF-8 bytes, base64url. Secrets that must be looked up (tokens, session
 * ids) are stored under this digest, so that whoever can read the cache cannot replay them.
 */
export function sha256Base64url(text: string): string {
  return hash('sha256', text, 'base64url');
}
