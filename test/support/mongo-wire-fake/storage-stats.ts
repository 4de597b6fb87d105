import { calculateObjectSize, type Document } from 'bson';
import { keyValueOf, type FakeCollection } from './fake-catalog.js';

/** The unit a file grows by; an empty collection or index still takes one. */
const pageBytes = 4096;
/** The record id each index entry carries besides its key. */
const recordIdBytes = 8;

/**
 * A collection's `storageStats`, in the fields and order a standalone 7.0 reports (as `$collStats`
 * and `collStats` give them), divided by `scale` where the server divides.
 *
 * `size` and `count` are exact: a real server's size is the sum of the documents' BSON sizes too.
 * The file sizes cannot be: WiredTiger reports its files' compressed size on disk. The fake reports
 * an uncompressed approximation instead, deterministic so tests can predict it:
 * - storageSize: `size` rounded up to whole 4 KiB pages, at least one page;
 * - each index: the BSON size of every entry's key (`{ field: value }` as the index stores it) plus
 *   an 8-byte record id, rounded up the same way.
 * There is no `wiredTiger` section and `indexDetails` is empty: the fake has no storage engine to describe.
 */
export function storageStats(collection: FakeCollection, scale: number): Document {
  const size = collection.documents.reduce((sum, document) => sum + calculateObjectSize(document), 0);
  const count = collection.documents.length;
  const storageSize = pages(size);
  const indexSizes = collection.indexes.map((index) => {
    const entries = collection.documents.reduce(
      (sum, document) => sum + calculateObjectSize(keyValueOf(index, document)) + recordIdBytes,
      0,
    );
    return [index.name, pages(entries)] as const;
  });
  const totalIndexSize = indexSizes.reduce((sum, [, bytes]) => sum + bytes, 0);
  const scaled = (bytes: number): number => Math.floor(bytes / scale);
  return {
    size: scaled(size),
    count,
    // A server leaves avgObjSize out of an empty collection's stats, and does not scale it.
    ...(count > 0 ? { avgObjSize: Math.floor(size / count) } : {}),
    numOrphanDocs: 0,
    storageSize: scaled(storageSize),
    freeStorageSize: 0,
    capped: false,
    nindexes: collection.indexes.length,
    indexDetails: {},
    indexBuilds: [],
    totalIndexSize: scaled(totalIndexSize),
    totalSize: scaled(storageSize + totalIndexSize),
    indexSizes: Object.fromEntries(indexSizes.map(([name, bytes]) => [name, scaled(bytes)])),
    scaleFactor: scale,
  };
}

/** What a server's collStats reports for a collection that does not exist: zeros, and no error. */
export function missingCollectionStats(scale: number): Document {
  return {
    size: 0,
    count: 0,
    numOrphanDocs: 0,
    storageSize: 0,
    totalSize: 0,
    nindexes: 0,
    totalIndexSize: 0,
    indexDetails: {},
    indexSizes: {},
    scaleFactor: scale,
  };
}

function pages(bytes: number): number {
  return Math.max(1, Math.ceil(bytes / pageBytes)) * pageBytes;
}
