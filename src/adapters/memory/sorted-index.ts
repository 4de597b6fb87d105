/**
 * Ids kept sorted by a sort key, updated on every write, so that a page is a binary search and a
 * slice rather than a sort of everything. `compare` orders two keys; ids are unique, and the key of
 * an id must be passed back unchanged to remove it.
 */
export class SortedIndex<Key> {
  private readonly entries: { key: Key; id: string }[] = [];

  constructor(private readonly compare: (a: Key, b: Key) => number) {}

  get size(): number {
    return this.entries.length;
  }

  /** Puts `id` at `key`'s place; `previous`, when given, is where it was (it is taken out first). */
  set(id: string, key: Key, previous?: Key): void {
    if (previous !== undefined) this.remove(id, previous);
    this.entries.splice(this.firstAfter(key, id, false), 0, { key, id });
  }

  remove(id: string, key: Key): void {
    const at = this.firstAfter(key, id, false);
    if (this.entries[at]?.id === id) this.entries.splice(at, 1);
  }

  /** The ids after (`key`, `id`) in order (from the first when `after` is null), lazily. */
  *from(after: { key: Key; id: string } | null): Generator<string> {
    for (let at = after === null ? 0 : this.firstAfter(after.key, after.id, true); at < this.entries.length; at += 1) {
      const entry = this.entries[at];
      if (entry) yield entry.id;
    }
  }

  /** The index of the first entry ordered after (key, id), or at it unless `strictly`. */
  private firstAfter(key: Key, id: string, strictly: boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const entry = this.entries[middle];
      if (!entry) break;
      const order = this.compare(entry.key, key) || compareIds(entry.id, id);
      if (order < 0 || (strictly && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
