import type { Document } from 'mongodb';

/**
 * What follows `last` in an ascending sort on its fields, in order: a keyset condition
 * (`a > A`, or `a = A and b > B`, ...) that an index on the same fields answers with a range scan.
 */
export function afterFilter(last: readonly (readonly [string, unknown])[]): Document {
  const branches = last.map(([field, value], at) => ({
    ...Object.fromEntries(last.slice(0, at).map(([before, equal]) => [before, equal])),
    [field]: { $gt: value },
  }));
  return { $or: branches };
}

/** Documents where any of `fields` contains `text`, letter case aside (the text is matched literally). */
export function containsFilter(fields: readonly string[], text: string): Document {
  const pattern = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return { $or: fields.map((field) => ({ [field]: { $regex: pattern, $options: 'i' } })) };
}
