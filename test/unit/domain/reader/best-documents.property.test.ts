import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestDocuments } from '../../../../src/domain/reader/best-documents.js';
import { sortDocuments } from '../../../../src/domain/reader/document-order.js';
import { documentOf, type ReaderDocument, type ReaderValue } from '../../../../src/domain/reader/reader-value.js';
import type { SortKey } from '../../../../src/domain/reader/sort-spec.js';
import { readerValue } from '../../../support/reader-values.js';

/** Few names and few values, so that sorts meet ties, missing fields, arrays and embedded documents. */
const names = ['a', 'b', 'c'] as const;
const small: fc.Arbitrary<ReaderValue> = fc.oneof(
  fc.constantFrom<ReaderValue>(null, 0, 1, 'x', 'y', true, { kind: 'int32', value: 1 }, []),
  fc.array(fc.constantFrom<ReaderValue>(0, 1, 'x', null), { maxLength: 3 }),
  readerValue,
);
const nested: fc.Arbitrary<ReaderValue> = fc.oneof(
  small,
  fc.uniqueArray(fc.tuple(fc.constantFrom(...names), small), { maxLength: 3, selector: ([name]) => name }).map(documentOf),
  fc.array(
    fc.uniqueArray(fc.tuple(fc.constantFrom(...names), small), { maxLength: 2, selector: ([name]) => name }).map(documentOf),
    { maxLength: 2 },
  ),
);
const collection: fc.Arbitrary<ReaderDocument[]> = fc.array(
  fc.uniqueArray(fc.tuple(fc.constantFrom(...names), nested), { maxLength: 3, selector: ([name]) => name }).map(documentOf),
  { maxLength: 60 },
);
const sort: fc.Arbitrary<SortKey[]> = fc.uniqueArray(
  fc.record({
    path: fc.constantFrom('a', 'b', 'c', 'a.b', 'b.c', 'a.0', 'c.a.b'),
    direction: fc.constantFrom<1 | -1>(1, -1),
  }),
  { maxLength: 3, selector: (key) => key.path },
);

describe('the bounded sort of the memory source', () => {
  it('gives the first skip + limit documents of the full sort, in the same order, for random collections and sorts', () => {
    fc.assert(
      fc.property(collection, sort, fc.nat({ max: 70 }), (documents, keys, count) => {
        const positions = documents.map((_, position) => position);
        const kept = bestDocuments(positions, (position) => documents[position]!, keys, count);
        const expected = sortDocuments(documents, keys).slice(0, count);
        expect(kept.map((position) => documents[position])).toStrictEqual(expected);
      }),
      { numRuns: 400 },
    );
  });

  it('keeps ties in the order the collection holds them, as a full sort does', () => {
    const documents = Array.from({ length: 20 }, (_, n) =>
      documentOf([
        ['n', n],
        ['same', 1],
      ]),
    );
    const kept = bestDocuments(documents, (document) => document, [{ path: 'same', direction: -1 }], 5);
    expect(kept).toStrictEqual(documents.slice(0, 5));
  });

  it('keeps nothing for a count of 0, and the collection in order without a sort', () => {
    const documents = Array.from({ length: 5 }, (_, n) => documentOf([['n', n]]));
    expect(bestDocuments(documents, (document) => document, [{ path: 'n', direction: 1 }], 0)).toStrictEqual([]);
    expect(bestDocuments(documents, (document) => document, [], 3)).toStrictEqual(documents.slice(0, 3));
  });
});
