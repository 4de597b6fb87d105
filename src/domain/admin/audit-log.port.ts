import type { AuditEntry, AuditFilter } from './audit-entry.js';
import type { FailureCount, FailureFilter } from './failure-tally.js';

/**
 * The record of admin changes and the sums of refused signed requests, kept in the store (memory or
 * MongoDB). Times are ms since the epoch; days are `YYYY-MM-DD` in UTC.
 */
export interface AuditLog {
  /** Appends an entry; entries are never changed or removed. */
  append(entry: AuditEntry): Promise<void>;

  /**
   * Entries matching `filter`, newest first (by id), at most `limit` of them; with `before`, only
   * those whose id sorts below it (the last id of the previous page). An empty list when none match.
   */
  list(filter: AuditFilter, page: { limit: number; before?: string }): Promise<AuditEntry[]>;

  /**
   * Adds each count to the stored one of the same key, reason and day (created at zero when absent),
   * widening its first and last times to cover the new ones. Safe to call from several instances at once.
   */
  addFailureCounts(counts: readonly FailureCount[]): Promise<void>;

  /** The stored counts matching `filter`, one per key, reason and day, in no particular order; empty when none. */
  listFailureCounts(filter: FailureFilter): Promise<FailureCount[]>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
