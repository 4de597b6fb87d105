/**
 * Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), with
 * upper-case hex: the one encoding protocol v2 signs, whatever a client or proxy sent on the wire.
 */
export function rfc3986Encode(text: string): string {
  return utf8Escaped(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * encodeURIComponent, except that a lone surrogate (which has no UTF-8 form, and makes
 * encodeURIComponent throw) is encoded as U+FFFD, as the WHATWG URL parser and so every client
 * encodes it. A request read off the wire never holds one: only a caller's own text can.
 */
function utf8Escaped(text: string): string {
  try {
    return encodeURIComponent(text);
  } catch {
    return encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));
  }
}

/** Decodes percent escapes; `+` stays `+` unless `plusIsSpace`. Malformed escapes are kept as they are. */
export function percentDecode(text: string, plusIsSpace = false): string {
  const spaced = plusIsSpace ? text.replace(/\+/g, ' ') : text;
  if (!spaced.includes('%')) return spaced;
  try {
    return decodeURIComponent(spaced);
  } catch {
    return spaced.replace(/(%[0-9a-fA-F]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run;
      }
    });
  }
}
