import type { PageContext } from '../signet-context.js';

/** A list page's paging and search as the URL carries them: `q` and `cursor`, each given once. */
export interface ListParameters {
  q?: string;
  cursor?: string;
}

/** `q` and `cursor` from the query string, when given once and not empty (a list's operation checks them). */
export function listParameters(ctx: PageContext): ListParameters {
  const parameters: ListParameters = {};
  const { q, cursor } = ctx.query;
  if (typeof q === 'string' && q.trim() !== '') parameters.q = q;
  if (typeof cursor === 'string' && cursor !== '') parameters.cursor = cursor;
  return parameters;
}

/**
 * What the pager partial shows: the search, how many items match, and links to the first and the
 * next page that keep every filter (`filters`, the search included) in the URL.
 */
export function pagerView(
  path: string,
  filters: Readonly<Record<string, string | undefined>>,
  page: { total: number; next: string | null; shown: number },
  cursor: string | undefined,
) {
  const href = (extra: Record<string, string>) => {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries({ ...filters, ...extra })) if (value) query.set(name, value);
    const text = query.toString();
    return text === '' ? path : `${path}?${text}`;
  };
  return {
    q: filters.q ?? '',
    total: page.total,
    shown: page.shown,
    firstHref: cursor === undefined ? null : href({}),
    nextHref: page.next === null ? null : href({ cursor: page.next }),
  };
}
