import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bestDocuments } from '../../../../src/domain/reader/best-documents.js';
import { sortDocuments } from '../../../../src/domain/reader/document-order.js';
import { documentOf } from '../../../../src/domain/reader/reader-value.js';
import { sortableCollection, sortKeys } from '../../../support/sort-arbitraries.js';
import { propertyRuns } from '../../../support/property-runs.js';

describe('the bounded sort', () => {
  it('gives the first count documents of the full sort, in the same order, for random collections and sorts', () => {
    fc.assert(
      fc.property(sortableCollection, sortKeys, fc.nat({ max: 70 }), (documents, keys, count) => {
        expect(bestDocuments(documents, keys, count)).toStrictEqual(sortDocuments(documents, keys).slice(0, count));
      }),
      { numRuns: propertyRuns(400) },
    );
  });

  it('keeps ties in the order the collection holds them, as a full sort does', () => {
    const documents = Array.from({ length: 20 }, (_, n) =>
      documentOf([
        ['n', n],
        ['same', 1],
      ]),
    );
    expect(bestDocuments(documents, [{ path: 'same', direction: -1 }], 5)).toStrictEqual(documents.slice(0, 5));
  });

  it('keeps nothing for a count of 0, and the collection in order without a sort', () => {
    const documents = Array.from({ length: 5 }, (_, n) => documentOf([['n', n]]));
    expect(bestDocuments(documents, [{ path: 'n', direction: 1 }], 0)).toStrictEqual([]);
    expect(bestDocuments(documents, [], 3)).toStrictEqual(documents.slice(0, 3));
  });
});
