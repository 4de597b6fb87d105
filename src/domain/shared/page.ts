/**
 * One page of a list kept in a stable order: `items` in that order, `total` the number of items the
 * filter matches on every page, and `next` where the following page starts (the cursor to pass back
 * as `after`), null on the last page. Paging by cursor rather than by offset: an item added or removed
 * between two pages neither repeats an item nor skips one.
 */
export interface Page<T> {
  items: T[];
  total: number;
  next: string | null;
}

/** The most items a page may hold, and how many when none is asked for. */
export const PAGE_LIMIT_MAX = 500;
export const PAGE_LIMIT_DEFAULT = 50;

/** True when `text` contains `search`, letter case aside; every text matches an empty search. */
export function containsText(text: string | null, search: string): boolean {
  return text !== null && text.toLowerCase().includes(search.toLowerCase());
}
