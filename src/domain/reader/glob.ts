/**
 * A name pattern as policy rules write them: `*` stands for any run of characters (none included),
 * `?` for exactly one; every other character is itself. Matching is case-sensitive, as MongoDB's
 * names are.
 */
export function globMatcher(pattern: string): (name: string) => boolean {
  const source = Array.from(pattern)
    .map((char) => (char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  const expression = new RegExp(`^${source}$`, 'su');
  return (name) => expression.test(name);
}
