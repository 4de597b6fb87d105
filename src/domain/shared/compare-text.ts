/**
 * Orders strings by their Unicode code points, which is the order of their UTF-8 bytes: the order
 * MongoDB sorts strings in, so that every store lists things alike. JavaScript's `<` compares UTF-16
 * code units instead, which differs for characters above U+FFFF against U+E000 to U+FFFF.
 */
export function compareText(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const left = a.charCodeAt(i);
    const right = b.charCodeAt(i);
    if (left === right) continue;
    // A surrogate (a character above U+FFFF) sorts after every other code unit in code point order.
    const leftHigh = left >= 0xd800 && left <= 0xdfff;
    const rightHigh = right >= 0xd800 && right <= 0xdfff;
    if (leftHigh !== rightHigh) return leftHigh ? 1 : -1;
    return left - right;
  }
  return a.length - b.length;
}

/** Sorts a copy of `items` by the text `key` gives each, in code point order. */
export function sortedByText<T>(items: Iterable<T>, key: (item: T) => string): T[] {
  return [...items].sort((a, b) => compareText(key(a), key(b)));
}
