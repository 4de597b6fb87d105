/**
 * Checks that a handler will read the request target as the signature covered it. Two parsers
 * reading one text differently is how a signed request gets changed after signing: a raw `#` ends
 * the query for URL parsers (so a handler would not see what follows, though it was signed), and a
 * malformed escape such as `%C3` is kept as literal text by one decoder and replaced by U+FFFD by
 * another.
 */

/** True when the target holds a raw `#`, which no client sends and URL parsers cut the query at. */
export function hasFragmentMark(rawUrl: string): boolean {
  return rawUrl.includes('#');
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
