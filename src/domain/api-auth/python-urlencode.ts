import type { QueryPiece } from './query-string.js';

const alwaysSafe = /[A-Za-z0-9_.\-~]/;

/** Python's `quote_plus`: unreserved characters kept, space as `+`, the rest as UTF-8 `%XX`. */
export function quotePlus(text: string): string {
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const char = String.fromCharCode(byte);
    if (byte < 0x80 && alwaysSafe.test(char)) out += char;
    else if (byte === 0x20) out += '+';
    else out += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/**
 * The query as dj-api-auth's server rebuilt it before checking a signature:
 * `urlencode(parse_qsl(query))`, which drops blank values and re-encodes the rest.
 */
export function pythonUrlencode(pieces: readonly QueryPiece[]): string {
  return pieces
    .filter((piece) => piece.value !== '')
    .map((piece) => `${quotePlus(piece.name)}=${quotePlus(piece.value)}`)
    .join('&');
}
