import { pythonUrlencode } from './python-urlencode.js';
import { splitQuery, splitTarget } from './query-string.js';
import { decodesStrictly } from './request-target.js';
import { percentDecode } from './rfc3986.js';

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
  /** The path and query exactly as received, with the `signature` parameter cut out: what both reference clients sign. */
  readonly signedText: string;
  /** The same with the query re-encoded as dj-api-auth's server rebuilt it; null when that is the same text. */
  rebuiltText(): string | null;
  /** Every form a v1 client may have signed, most likely first; the raw body is appended to each. */
  stringsToSign(): string[];
  /**
   * True when a handler reads the same query from the target as from the rebuilt form: no piece
   * the rebuild drops (a blank value, a name without `=`), no escape that decoders read apart.
   * A signature that matches only the rebuilt form is accepted only then.
   */
  rebuiltReadsAlike(): boolean;
}

/**
 * Reads a v1 request target (path and query exactly as received). It is on the path of every
 * signed request, so it scans the query once and decodes only the three parameters it needs.
 *
 * Both reference clients sign the very text they send, minus `&signature=...`. dj-api-auth's
 * server instead re-encoded the parsed query the way Python's urlencode does, and some clients
 * came to rely on that, so that form is kept as a fallback, built only when the first fails.
 */
export function parseV1Request(rawUrl: string): V1Request {
  const mark = rawUrl.indexOf('?');
  const path = mark === -1 ? rawUrl : rawUrl.slice(0, mark);
  let apiKey: string | undefined;
  let timestamp: string | undefined;
  let signature: string | undefined;
  let kept: string | undefined;
  let readsAlike = true;
  let start = mark === -1 ? rawUrl.length + 1 : mark + 1;
  while (start <= rawUrl.length) {
    let end = rawUrl.indexOf('&', start);
    if (end === -1) end = rawUrl.length;
    const piece = rawUrl.slice(start, end);
    const equals = piece.indexOf('=');
    const name = decodeFormPart(equals === -1 ? piece : piece.slice(0, equals));
    if (name === 'signature') {
      signature ??= decodeSignature(piece.slice(equals + 1));
    } else {
      if (name === 'apikey') apiKey ??= decodeFormPart(piece.slice(equals + 1));
      else if (name === 'timestamp') timestamp ??= decodeFormPart(piece.slice(equals + 1));
      kept = kept === undefined ? piece : `${kept}&${piece}`;
      if (piece !== '' && (equals === -1 || equals === piece.length - 1 || !decodesStrictly(piece))) readsAlike = false;
    }
    start = end + 1;
  }
  const signedText = kept === undefined || kept === '' ? path : `${path}?${kept}`;
  return new ParsedV1Target(rawUrl, path, signedText, readsAlike, {
    apiKey: nonEmpty(apiKey),
    timestamp: nonEmpty(timestamp),
    signature: nonEmpty(signature),
  });
}

/** A class rather than an object of closures: it is made for every v1 request. */
class ParsedV1Target implements V1Request {
  constructor(
    private readonly rawUrl: string,
    private readonly path: string,
    readonly signedText: string,
    private readonly readsAlike: boolean,
    readonly parameters: V1Parameters,
  ) {}

  rebuiltText(): string | null {
    const query = pythonUrlencode(splitQuery(splitTarget(this.rawUrl).rawQuery).filter((piece) => piece.name !== 'signature'));
    const rebuilt = query === '' ? this.path : `${this.path}?${query}`;
    return rebuilt === this.signedText ? null : rebuilt;
  }

  stringsToSign(): string[] {
    const rebuilt = this.rebuiltText();
    return rebuilt === null ? [this.signedText] : [this.signedText, rebuilt];
  }

  rebuiltReadsAlike(): boolean {
    return this.readsAlike;
  }
}

/** A raw `+` would form-decode to a space and be turned back: only a percent escape needs decoding. */
function decodeSignature(text: string): string {
  return text.includes('%') ? percentDecode(text, true).replace(/ /g, '+') : text;
}

function decodeFormPart(text: string): string {
  return text.includes('%') || text.includes('+') ? percentDecode(text, true) : text;
}

/** An empty parameter counts as a missing one. */
function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value;
}
