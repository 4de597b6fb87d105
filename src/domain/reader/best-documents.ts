import { compareSortKeys, sortKeysOf } from './document-order.js';
import type { ReaderDocument } from './reader-value.js';
import type { SortKey } from './sort-spec.js';

/** A total order: negative when `a` comes first; 0 only for the same item. */
export type Order<T> = (a: T, b: T) => number;

/**
 * The first `count` items offered, in `order`, keeping no more than `count` of them: a heap whose
 * root is the last of those kept, so that a newcomer is compared with the root and dropped at once
 * unless it comes before it. Offering n items costs at most n log(count) comparisons, and memory
 * for `count`.
 */
export class BoundedHeap<T> {
  private readonly heap: T[] = [];
  private readonly after: Order<T>;

  constructor(
    private readonly order: Order<T>,
    private readonly count: number,
  ) {
    this.after = (a, b) => order(b, a);
  }

  offer(item: T): void {
    const heap = this.heap;
    if (heap.length < this.count) {
      heap.push(item);
      siftUp(heap, heap.length - 1, this.after);
    } else if (heap[0] !== undefined && this.order(item, heap[0]) < 0) {
      heap[0] = item;
      siftDown(heap, 0, this.after);
    }
  }

  /** What is kept, in order; the heap is spent. */
  sorted(): T[] {
    return this.heap.sort(this.order);
  }
}

/** The first `count` of `items` in `order`, through a BoundedHeap. */
export function bestOf<T>(items: Iterable<T>, order: Order<T>, count: number): T[] {
  const heap = new BoundedHeap(order, count);
  for (const item of items) heap.offer(item);
  return heap.sorted();
}

/**
 * The first `count` documents of what `sortDocuments` gives (ties in the collection's order),
 * each document's sort keys computed once.
 */
export function bestDocuments(documents: readonly ReaderDocument[], sort: readonly SortKey[], count: number): ReaderDocument[] {
  const keys = documents.map((document) => sortKeysOf(document, sort));
  const order: Order<number> = (a, b) => compareSortKeys(keys[a] ?? [], keys[b] ?? [], sort) || a - b;
  return bestOf(documents.keys(), order, count).flatMap((position) => documents[position] ?? []);
}

/** The heap keeps at its root the item that `first` puts first. */
function siftUp<T>(heap: T[], from: number, first: Order<T>): void {
  let child = from;
  while (child > 0) {
    const parent = (child - 1) >> 1;
    if (!before(heap, child, parent, first)) return;
    swap(heap, child, parent);
    child = parent;
  }
}

function siftDown<T>(heap: T[], from: number, first: Order<T>): void {
  let parent = from;
  for (;;) {
    const left = parent * 2 + 1;
    const right = left + 1;
    let top = parent;
    if (left < heap.length && before(heap, left, top, first)) top = left;
    if (right < heap.length && before(heap, right, top, first)) top = right;
    if (top === parent) return;
    swap(heap, top, parent);
    parent = top;
  }
}

function before<T>(heap: readonly T[], a: number, b: number, first: Order<T>): boolean {
  const x = heap[a];
  const y = heap[b];
  return x !== undefined && y !== undefined && first(x, y) < 0;
}

function swap(heap: unknown[], a: number, b: number): void {
  const x = heap[a];
  heap[a] = heap[b];
  heap[b] = x;
}
