/** `next` when it is a path on this site; null for anything that could lead elsewhere. */
export function localPath(next: string | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || /[\\\s\u0000-\u001f\u007f]/.test(next)) return null;
  return next;
}
