import { pythonUrlencode } from './python-urlencode.js';
import { splitQuery, splitTarget, type QueryPiece } from './query-string.js';

/** The query parameters protocol v1 carries, as decoded from the request target. */
export interface V1Parameters {
  readonly apiKey: string | undefined;
  readonly timestamp: string | undefined;
  /** The base64 signature, with a `+` that arrived as a space (form decoding) turned back into `+`. */
  readonly signature: string | undefined;
}

/** A v1 request taken apart once, so that each check reads what it needs without parsing again. */
export interface V1Request {
  readonly parameters: V1Parameters;
  /** The strings a v1 client may have signed, most likely first; the raw body is appended to each. */
  stringsToSign(): Iterable<string>;
}

/**
 * Reads a v1 request target (path and query exactly as received).
 *
 * Both reference clients sign the very text they send, minus `&signature=...`; that is tried first.
 * dj-api-auth's server instead re-encoded the parsed query the way Python's urlencode does, and
 * some clients came to rely on that, so it is the second candidate.
 */
export function parseV1Request(rawUrl: string): V1Request {
  const { path, rawQuery } = splitTarget(rawUrl);
  const pieces = splitQuery(rawQuery);
  let apiKey: string | undefined;
  let timestamp: string | undefined;
  let signature: string | undefined;
  const signed: QueryPiece[] = [];
  for (const piece of pieces) {
    if (piece.name === 'signature') {
      signature ??= piece.value.replace(/ /g, '+');
      continue;
    }
    if (piece.name === 'apikey') apiKey ??= piece.value;
    else if (piece.name === 'timestamp') timestamp ??= piece.value;
    signed.push(piece);
  }
  return {
    parameters: { apiKey: nonEmpty(apiKey), timestamp: nonEmpty(timestamp), signature: nonEmpty(signature) },
    *stringsToSign() {
      const asSent = withQuery(path, signed.map((piece) => piece.raw).join('&'));
      yield asSent;
      const rebuilt = withQuery(path, pythonUrlencode(signed));
      if (rebuilt !== asSent) yield rebuilt;
    },
  };
}

function withQuery(path: string, query: string): string {
  return query === '' ? path : `${path}?${query}`;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === '' ? undefined : value;
}
