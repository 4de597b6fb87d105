import { splitTarget } from './query-string.js';

/**
 * Checks that a handler will read the request target as the signature covered it. Two parsers
 * reading one text differently is how a signed request gets changed after signing: a raw `#` ends
 * the query for URL parsers (so a handler would not see what follows, though it was signed); a raw
 * backslash is a `/` to the legacy URL parser that routes an absolute-form target; a query that starts
 * with a second `?` loses it in URLSearchParams but not here; and a malformed escape such as `%C3`
 * is kept as literal text by one decoder and replaced by U+FFFD by another (a router keeps a whole
 * path segment raw when one of its escapes fails).
 */

/**
 * True when the target holds something no honest client sends and parsers read apart: a raw `#` or a
 * backslash, or a query that starts with `?`. Refused in both protocols, whatever the signature covers.
 */
export function isAmbiguousTarget(rawUrl: string): boolean {
  return rawUrl.includes('#') || rawUrl.includes('\\') || splitTarget(rawUrl).rawQuery.startsWith('?');
}

/** True when every escape of a form-encoded text decodes, as UTF-8, the same way in every decoder. */
export function decodesStrictly(text: string): boolean {
  if (!text.includes('%')) return true;
  try {
    decodeURIComponent(text.replace(/\+/g, ' '));
    return true;
  } catch {
    return false;
  }
}
