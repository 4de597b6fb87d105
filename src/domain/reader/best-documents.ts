import { compareSortKeys, sortKeysOf } from './document-order.js';
import type { ReaderDocument } from './reader-value.js';
import type { SortKey } from './sort-spec.js';
import type { SortValue } from './value-order.js';

interface Candidate<T> {
  readonly item: T;
  readonly keys: readonly SortValue[];
  /** Arrival order: ties keep it, as `sortDocuments` does. */
  readonly arrival: number;
}

/**
 * The first `count` items of what `sortDocuments` would give, keeping no more than `count` of them
 * while reading: a heap whose root is the worst kept, so that a newcomer only has to beat the
 * root. Reading n items costs n log(count) comparisons of precomputed keys, and memory for `count`.
 * `documentOf` says which document an item stands for (the caller may keep positions, not documents).
 */
export function bestDocuments<T>(
  items: Iterable<T>,
  documentOf: (item: T) => ReaderDocument,
  sort: readonly SortKey[],
  count: number,
): T[] {
  if (count <= 0) return [];
  if (sort.length === 0) return firstOf(items, count);
  const worseFirst = (a: Candidate<T>, b: Candidate<T>) => compareSortKeys(b.keys, a.keys, sort) || b.arrival - a.arrival;
  const heap: Candidate<T>[] = [];
  let arrival = 0;
  for (const item of items) {
    const candidate = { item, keys: sortKeysOf(documentOf(item), sort), arrival: arrival++ };
    if (heap.length < count) {
      heap.push(candidate);
      siftUp(heap, heap.length - 1, worseFirst);
    } else if (heap[0] !== undefined && worseFirst(candidate, heap[0]) > 0) {
      heap[0] = candidate;
      siftDown(heap, 0, worseFirst);
    }
  }
  return heap.sort((a, b) => -worseFirst(a, b)).map(({ item }) => item);
}

function firstOf<T>(items: Iterable<T>, count: number): T[] {
  const first: T[] = [];
  for (const item of items) {
    if (first.length >= count) break;
    first.push(item);
  }
  return first;
}

type Order<T> = (a: T, b: T) => number;

/** The heap keeps its worst (by `order`, the one that sorts first) at the root. */
function siftUp<T>(heap: T[], from: number, order: Order<T>): void {
  let child = from;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!swapIfBefore(heap, child, parent, order)) return;
    child = parent;
  }
}

function siftDown<T>(heap: T[], from: number, order: Order<T>): void {
  let parent = from;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let first = parent;
    if (left < heap.length && before(heap, left, first, order)) first = left;
    if (right < heap.length && before(heap, right, first, order)) first = right;
    if (first === parent) return;
    swap(heap, first, parent);
    parent = first;
  }
}

function before<T>(heap: readonly T[], a: number, b: number, order: Order<T>): boolean {
  const x = heap[a];
  const y = heap[b];
  return x !== undefined && y !== undefined && order(x, y) < 0;
}

function swapIfBefore<T>(heap: T[], a: number, b: number, order: Order<T>): boolean {
  if (!before(heap, a, b, order)) return false;
  swap(heap, a, b);
  return true;
}

function swap(heap: unknown[], a: number, b: number): void {
  const x = heap[a];
  const y = heap[b];
  if (x === undefined || y === undefined) return;
  heap[a] = y;
  heap[b] = x;
}
