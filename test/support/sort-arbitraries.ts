import fc from 'fast-check';
import { documentOf, type ReaderDocument, type ReaderValue } from '../../src/domain/reader/reader-value.js';
import type { SortKey } from '../../src/domain/reader/sort-spec.js';
import { readerValue } from './reader-values.js';

/** Few names and few values, so that sorts meet ties, missing fields, arrays and embedded documents. */
const names = ['a', 'b', 'c'] as const;
const small: fc.Arbitrary<ReaderValue> = fc.oneof(
  fc.constantFrom<ReaderValue>(null, 0, 1, 'x', 'y', true, { kind: 'int32', value: 1 }, []),
  fc.array(fc.constantFrom<ReaderValue>(0, 1, 'x', null), { maxLength: 3 }),
  readerValue,
);
const embedded = (size: number) =>
  fc.uniqueArray(fc.tuple(fc.constantFrom(...names), small), { maxLength: size, selector: ([name]) => name }).map(documentOf);
const nested: fc.Arbitrary<ReaderValue> = fc.oneof(small, embedded(3), fc.array(embedded(2), { maxLength: 2 }));

/** A collection whose sorts are hard to get right: up to 60 documents over the fields a, b and c. */
export const sortableCollection: fc.Arbitrary<ReaderDocument[]> = fc.array(
  fc.uniqueArray(fc.tuple(fc.constantFrom(...names), nested), { maxLength: 3, selector: ([name]) => name }).map(documentOf),
  { maxLength: 60 },
);

/** Up to three keys over those fields, dotted paths and array positions included. */
export const sortKeys: fc.Arbitrary<SortKey[]> = fc.uniqueArray(
  fc.record({
    path: fc.constantFrom('a', 'b', 'c', 'a.b', 'b.c', 'a.0', 'c.a.b'),
    direction: fc.constantFrom<1 | -1>(1, -1),
  }),
  { maxLength: 3, selector: (key) => key.path },
);
