import { createHmac } from 'node:crypto';
import Hawk from '@hapi/hawk';
import { PEER_KEY } from './peer-key-value.js';

/** The Authorization header of a Hawk request for `url` (absolute), with a fresh nonce. */
export function hawkAuthorization(url: string): string {
  return Hawk.client.header(url, 'GET', { credentials: { id: PEER_KEY.id, key: PEER_KEY.secret, algorithm: 'sha256' } }).header;
}

/** The headers of the hand-written HMAC scheme for `target` (path and query). */
export function hmacHeaders(target: string): Record<string, string> {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', PEER_KEY.secret).update(`GET\n${target}\n${timestamp}`).digest('hex');
  return { 'X-Timestamp': timestamp, 'X-Signature': signature };
}
