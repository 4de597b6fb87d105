import { compareText } from '../shared/compare-text.js';
import { sha256Hex } from './hmac.js';
import { splitQuery, splitTarget } from './query-string.js';
import { percentDecode, rfc3986Encode } from './rfc3986.js';

export const V2_ALGORITHM = 'SIGNET-HMAC-SHA256';
export const V2_DATE_HEADER = 'x-signet-date';
export const V2_NONCE_HEADER = 'x-signet-nonce';
/** Headers every v2 signature covers, whatever the client lists. */
export const V2_REQUIRED_HEADERS = ['host', V2_DATE_HEADER, V2_NONCE_HEADER] as const;

/** What a v2 signature covers. Header names are matched case-insensitively. */
export interface V2RequestParts {
  readonly method: string;
  /** Path and query as sent; the canonical form does not depend on how they were percent-encoded. */
  readonly rawUrl: string;
  readonly headers: (name: string) => string | undefined;
  /** Lower-case names of the signed headers. */
  readonly signedHeaders: readonly string[];
  readonly body: Uint8Array | string;
}

/** Each path segment decoded, then RFC 3986-encoded: `/a b/%7E` and `/a%20b/~` are the same path. */
export function canonicalPath(path: string): string {
  if (path === '') return '/';
  if (ALREADY_CANONICAL_PATH.test(path)) return path;
  return path
    .split('/')
    .map((segment) => rfc3986Encode(percentDecode(segment)))
    .join('/');
}

/**
 * Pairs decoded (a `+` is a space), RFC 3986-encoded, sorted by name only, joined by `&`. The sort
 * is stable: the values of one name keep the order they were sent in, since a handler reading the
 * first (or last) value depends on it: `role=user&role=admin` and `role=admin&role=user` differ.
 */
export function canonicalQuery(rawQuery: string): string {
  if (rawQuery === '') return '';
  const pairs = splitQuery(rawQuery).map((piece) => [rfc3986Encode(piece.name), rfc3986Encode(piece.value)] as const);
  pairs.sort(([nameA], [nameB]) => compareText(nameA, nameB));
  return pairs.map(([name, value]) => `${name}=${value}`).join('&');
}

/** The signed header names, lower-cased, de-duplicated, sorted, with the required ones added. */
export function normalizeSignedHeaders(names: readonly string[]): readonly string[] {
  if (isNormalized(names)) return names;
  const set = new Set<string>(V2_REQUIRED_HEADERS);
  for (const name of names) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed !== '') set.add(trimmed);
  }
  return [...set].sort(compareText);
}

/** The canonical request of docs/signing.md, lines joined by `\n`. Built as one string: it runs on every v2 request. */
export function canonicalRequestV2(parts: V2RequestParts): string {
  const { path, rawQuery } = splitTarget(parts.rawUrl);
  const names = normalizeSignedHeaders(parts.signedHeaders);
  let text = `${parts.method.toUpperCase()}\n${canonicalPath(path)}\n${canonicalQuery(rawQuery)}\n`;
  for (const name of names) text += `${name}:${(parts.headers(name) ?? '').trim()}\n`;
  return `${text}\n${names.join(';')}\n${parts.body.length === 0 ? EMPTY_BODY_SHA256 : sha256Hex(parts.body)}`;
}

/** `SIGNET-HMAC-SHA256\n<date>\n<hex SHA-256 of the canonical request>`. */
export function stringToSignV2(date: string, canonicalRequest: string): string {
  return `${V2_ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest)}`;
}

/** A path made of unreserved characters and slashes only: encoding it again changes nothing. */
const ALREADY_CANONICAL_PATH = /^[A-Za-z0-9\-._~/]*$/;
const EMPTY_BODY_SHA256 = sha256Hex('');

/** Sorted, lower-case, without duplicates, and holding the required headers: the usual case. */
function isNormalized(names: readonly string[]): boolean {
  let previous = '';
  for (const name of names) {
    if (name === '' || name !== name.toLowerCase() || name.trim() !== name) return false;
    if (!(previous < name)) return false;
    previous = name;
  }
  return V2_REQUIRED_HEADERS.every((required) => names.includes(required));
}
