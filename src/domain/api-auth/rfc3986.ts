/**
 * Percent-encodes everything but RFC 3986's unreserved characters (A-Z a-z 0-9 - . _ ~), with
 * upper-case hex: the one encoding protocol v2 signs, whatever a client or proxy sent on the wire.
 */
export function rfc3986Encode(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
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
