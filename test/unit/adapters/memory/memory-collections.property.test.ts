import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryCollections } from '../../../../src/adapters/memory/memory-collections.js';
import { sortDocuments } from '../../../../src/domain/reader/document-order.js';
import { ALL_FIELDS } from '../../../../src/domain/reader/projection.js';
import { documentOf, fieldOf, type ReaderDocument } from '../../../../src/domain/reader/reader-value.js';
import type { SortKey } from '../../../../src/domain/reader/sort-spec.js';
import { sortableCollection, sortKeys } from '../../../support/sort-arbitraries.js';

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
      { numRuns: 300 },
    );
  });
});
