import { signV1 } from '../domain/api-auth/signature-v1.js';

/** What a protocol v1 signature needs. */
export interface SignUrlV1Input {
  apiKey: string;
  secretKey: string;
  /** An absolute URL or a path with an optional query; the signed URL keeps the same form. */
  url: string;
  /** The raw request body, when the request has one. */
  body?: Uint8Array | string;
  /** UNIX time in seconds; a fraction is allowed. */
  timestamp: number;
}

/** Any base will do: only the path and query of a relative URL are kept. */
const PLACEHOLDER_ORIGIN = 'http://signet.invalid';

/**
 * The URL with `timestamp`, `apikey` and `signature` appended, as dj-api-auth's JavaScript client
 * sends them. The path and query are first put in the form fetch and curl send on the wire, since
 * the server checks the signature against the text it receives.
 */
export function signUrlV1({ apiKey, secretKey, url, body = '', timestamp }: SignUrlV1Input): string {
  const absolute = /^[a-z][a-z0-9+.-]*:/i.test(url);
  const parsed = new URL(url, PLACEHOLDER_ORIGIN);
  parsed.hash = '';
  const query = parsed.search.length > 1 ? `${parsed.search}&` : '?';
  const target = `${parsed.pathname}${query}timestamp=${formatTimestamp(timestamp)}&apikey=${encodeURIComponent(apiKey)}`;
  const signature = signV1(secretKey, target, body);
  const signed = `${target}&signature=${encodeURIComponent(signature)}`;
  return absolute ? `${parsed.origin}${signed}` : signed;
}

/** Whole seconds as they are; a fraction to the millisecond, which the server's format allows. */
function formatTimestamp(seconds: number): string {
  return Number.isInteger(seconds) ? String(seconds) : seconds.toFixed(3);
}
