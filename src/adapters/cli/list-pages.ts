import type { CliIo } from './cli-io.js';

/** The paging options every `list` takes, as parseCommand reads them. */
export const pageOptions = {
  search: { type: 'string' },
  limit: { type: 'string' },
  after: { type: 'string' },
} as const;

export const pageUsage = '[--search TEXT] [--limit N] [--after CURSOR]';

/** The operation's paging input from the options given (the operation checks them, as on every door). */
export function pageInput(values: { search?: string | undefined; limit?: string | undefined; after?: string | undefined }) {
  return {
    ...(values.search === undefined ? {} : { q: values.search }),
    ...(values.limit === undefined ? {} : { limit: values.limit }),
    ...(values.after === undefined ? {} : { cursor: values.after }),
  };
}

/**
 * Says on standard error how many of how many were listed and, when more follow, the option that
 * lists the next page: the table on standard output stays the table alone, for a pipe.
 */
export function reportPage(
  io: CliIo,
  page: { items: readonly unknown[]; total: number; next: string | null },
  what: string,
): void {
  if (page.next === null && page.items.length === page.total) return;
  const more = page.next === null ? '' : `; for the next page add --after ${page.next}`;
  io.err(`${page.items.length} of ${page.total} ${what}${more}`);
}
