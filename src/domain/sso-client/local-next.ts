/** Longer `next` values are not followed: they would not fit the login cookie, and no app needs them. */
export const MAX_NEXT_LENGTH = 512;

/** Backslashes (which browsers read as slashes), whitespace and control characters. */
const ambiguous = /[\\\s\u0000-\u001f\u007f]/;

/**
 * Where to send the browser after a login: `next` when it is a path on this site (`/reports/?q=1`),
 * and `/` for anything that could lead elsewhere: a scheme (`https://…`, `javascript:…`), a
 * protocol-relative URL (`//host`), `/\host` (browsers read the backslash as a slash), whitespace or
 * control characters (which browsers strip before reading the rest), or a value too long to keep.
 */
export function localNext(next: string | null | undefined): string {
  if (!next || next.length > MAX_NEXT_LENGTH || !next.startsWith('/') || next.startsWith('//') || ambiguous.test(next)) {
    return '/';
  }
  return next;
}
