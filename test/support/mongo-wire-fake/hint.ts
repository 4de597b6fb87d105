import type { Document } from 'bson';
import { compareBson } from './bson-order.js';
import { CommandFailure } from './command-failure.js';
import { isPlainObject, numberOf } from './document-values.js';
import type { FakeCollection } from './fake-catalog.js';

/** What a valid hint asks of the scan: a named index changes nothing the fake returns; `$natural: -1` reverses it. */
export type HintedOrder = 'any' | 'natural' | 'reverse-natural';

/**
 * Checks `hint` (an index name, a key pattern, or `{ $natural: ±1 }`) against the collection's
 * indexes. A real server plans with the hinted index and fails when there is none; on a missing
 * collection it plans nothing at all, so no hint is checked there.
 */
export function checkHint(hint: unknown, collection: FakeCollection | undefined): HintedOrder {
  if (hint === undefined || (isPlainObject(hint) && Object.keys(hint).length === 0)) return 'any';
  if (isPlainObject(hint) && Object.keys(hint).length === 1 && '$natural' in hint) {
    const direction = numberOf(hint.$natural);
    if (direction === 1) return 'natural';
    if (direction === -1) return 'reverse-natural';
  }
  if (!collection) return 'any';
  const found = collection.indexes.some((index) =>
    typeof hint === 'string' ? index.name === hint : isPlainObject(hint) && compareBson(index.key, hint) === 0,
  );
  if (!found) {
    throw new CommandFailure(
      'BadValue',
      `error processing query: ns=${collection.ns} planner returned error :: caused by :: hint provided does not correspond to an existing index`,
    );
  }
  return 'any';
}

/** The stored documents in the order a hint asks for: insertion order is the fake's natural order. */
export function inHintedOrder(documents: readonly Document[], order: HintedOrder): Document[] {
  return order === 'reverse-natural' ? [...documents].reverse() : [...documents];
}
