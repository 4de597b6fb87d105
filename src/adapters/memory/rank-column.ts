import { compareValues, type SortValue } from '../../domain/reader/value-order.js';

/**
 * The rank of each value in `direction`'s order (MongoDB's, as `compareValues` gives it), equal
 * values sharing one. A column of one simple kind (doubles and int32s, dates, or strings without
 * characters from U+D800 up, where JavaScript's `<` is code-point order) is sorted by a plain
 * JavaScript key, many times faster; any other column through `compareValues`.
 */
export function rankColumn(values: readonly SortValue[], direction: 1 | -1): Int32Array {
  const keys = plainKeys(values);
  const same =
    keys === null
      ? (a: number, b: number) => compareValues(values[a], values[b]) === 0
      : (a: number, b: number) => keys[a] === keys[b];
  const compare =
    keys === null
      ? (a: number, b: number) => compareValues(values[a], values[b]) * direction
      : (a: number, b: number) => {
          const x = keys[a] ?? 0;
          const y = keys[b] ?? 0;
          return x < y ? -direction : x > y ? direction : 0;
        };
  const order = Array.from(values.keys()).sort(compare);
  const ranked = new Int32Array(values.length);
  let rank = 0;
  let previous: number | undefined;
  for (const position of order) {
    if (previous !== undefined && !same(previous, position)) rank += 1;
    ranked[position] = rank;
    previous = position;
  }
  return ranked;
}

/** Each value as a number or a string that JavaScript orders as MongoDB does, or null when one cannot be. */
function plainKeys(values: readonly SortValue[]): (number | string)[] | null {
  const first = kindOf(values[0]);
  if (first === null) return null;
  const keys: (number | string)[] = [];
  for (const value of values) {
    if (kindOf(value) !== first) return null;
    const key = plainKey(value);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

function kindOf(value: SortValue): 'number' | 'date' | 'string' | null {
  if (typeof value === 'number') return 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('kind' in value)) return null;
  if (value.kind === 'int32') return 'number';
  if (value.kind === 'date') return 'date';
  return null;
}

function plainKey(value: SortValue): number | string | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value === 0 ? 0 : value;
  if (typeof value === 'string') return /[\uD800-\uFFFF]/.test(value) ? null : value;
  if (typeof value !== 'object' || value === null || Array.isArray(value) || !('kind' in value)) return null;
  if (value.kind === 'int32') return value.value;
  if (value.kind === 'date') return value.ms;
  return null;
}
