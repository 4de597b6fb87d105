import { summarizeFailures, utcDay, type FailureSummary } from '../../domain/admin/failure-tally.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';

export interface ListAuthFailuresDeps {
  auditLog: AuditLog;
  countAuthFailures: { flush(): Promise<void> };
}

/** Which refusals to sum; times are ms since the epoch, read to their UTC day. */
export interface FailureQuery {
  /** A key; null for unknown keys; absent for all. */
  apiKey?: string | null | undefined;
  reason?: string | undefined;
  since?: number | undefined;
  until?: number | undefined;
}

/**
 * Refused signed requests summed per key and reason over the days asked for, the most frequent first.
 * This instance's latest counts are written out first; other instances' arrive within their flush interval.
 */
export class ListAuthFailures {
  constructor(private readonly deps: ListAuthFailuresDeps) {}

  async execute(query: FailureQuery = {}): Promise<FailureSummary[]> {
    await this.deps.countAuthFailures.flush();
    const counts = await this.deps.auditLog.listFailureCounts({
      ...(query.apiKey === undefined ? {} : { apiKey: query.apiKey }),
      ...(query.reason === undefined ? {} : { reason: query.reason }),
      ...(query.since === undefined ? {} : { sinceDay: utcDay(query.since) }),
      ...(query.until === undefined ? {} : { untilDay: utcDay(query.until) }),
    });
    return summarizeFailures(counts);
  }
}
