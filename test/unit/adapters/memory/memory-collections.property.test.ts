import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryCollections } from '../../../../src/adapters/memory/memory-collections.js';
import { sortDocuments } from '../../../../src/domain/reader/document-order.js';
import { ALL_FIELDS } from '../../../../src/domain/reader/projection.js';
import { documentOf, fieldOf, type ReaderDocument, type ReaderValue } from '../../../../src/domain/reader/reader-value.js';
import type { SortKey } from '../../../../src/domain/reader/sort-spec.js';
import { sortableCollection, sortKeys } from '../../../support/sort-arbitraries.js';
import { propertyRuns } from '../../../support/property-runs.js';

const namespace = { database: 'db', collection: 'c' };
const everything = documentOf([]);
const withB = documentOf([['b', documentOf([['$exists', true]])]]);

const find = (collections: MemoryCollections, criteria: ReaderDocument, sort: SortKey[], skip: number, limit: number) =>
  collections.find({ namespace, criteria, projection: ALL_FIELDS, sort, skip, limit, maxTimeMs: 5000 });

describe("the memory source's sorted find", () => {
  it('gives what a full sort gives, skipped and limited, for random collections, sorts and pages', () => {
    fc.assert(
      fc.property(
        sortableCollection,
        fc.array(fc.tuple(sortKeys, fc.nat({ max: 70 }), fc.integer({ min: 1, max: 70 }), fc.boolean()), {
          minLength: 1,
          maxLength: 4,
        }),
        (documents, queries) => {
          const collections = new MemoryCollections();
          collections.load(namespace, documents);
          // Several sorts on one collection: each key's ranks are made once and kept between queries.
          for (const [sort, skip, limit, filtered] of queries) {
            const candidates = filtered ? documents.filter((document) => fieldOf(document, 'b') !== undefined) : documents;
            const expected = sortDocuments(candidates, sort).slice(skip, skip + limit);
            expect(find(collections, filtered ? withB : everything, sort, skip, limit)).toStrictEqual(expected);
          }
        },
      ),
      { numRuns: propertyRuns(300) },
    );
  });
});

describe('the ranks of a sort key of one simple kind', () => {
  const column = (value: fc.Arbitrary<ReaderValue>) =>
    fc.array(
      value.map((v) => documentOf([['k', v]])),
      { maxLength: 60 },
    );
  const kinds: [string, fc.Arbitrary<ReaderValue>][] = [
    ['strings, surrogate pairs and characters above U+D800 among them', fc.string({ unit: 'binary', maxLength: 4 })],
    ['strings of a few letters, with ties', fc.constantFrom('a', 'b', 'B', 'ab', '', 'é')],
    [
      'doubles and int32s together, with -0, infinities and NaN',
      fc.oneof(
        fc.double(),
        fc.constantFrom(0, -0, Infinity, -Infinity, NaN, 1),
        fc.integer({ min: -5, max: 5 }).map((value): ReaderValue => ({ kind: 'int32', value })),
      ),
    ],
    ['dates', fc.integer({ min: -5, max: 5 }).map((ms): ReaderValue => ({ kind: 'date', ms }))],
  ];
  for (const [name, value] of kinds) {
    it(`orders ${name} as a full sort does`, () => {
      fc.assert(
        fc.property(column(value), fc.constantFrom<1 | -1>(1, -1), (documents, direction) => {
          const collections = new MemoryCollections();
          collections.load(namespace, documents);
          const sort: SortKey[] = [{ path: 'k', direction }];
          expect(find(collections, everything, sort, 0, 100)).toStrictEqual(sortDocuments(documents, sort));
        }),
        { numRuns: propertyRuns(300) },
      );
    });
  }
});
