import type { ApiAuthErrorCode } from '../../domain/api-auth/api-auth.errors.js';
import type { AuthFailureRecorder } from '../../domain/api-auth/auth-failure-recorder.js';
import { FailureTally } from '../../domain/admin/failure-tally.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';

export interface CountAuthFailuresDeps {
  auditLog: AuditLog;
  logger: Logger;
}

/**
 * Counts refused signed requests per key and reason: a Map update on the request path, and one write
 * of the sums to the audit log when flushed (every few seconds, before the sums are read, and at
 * shutdown). Sums a failed write could not store are kept for the next flush.
 */
export class CountAuthFailures implements AuthFailureRecorder {
  private readonly tally = new FailureTally();

  constructor(private readonly deps: CountAuthFailuresDeps) {}

  record(apiKey: string | null, reason: ApiAuthErrorCode, at: number): void {
    this.tally.add(apiKey, reason, at);
  }

  /** Writes out what was counted since the last flush. */
  async flush(): Promise<void> {
    const counts = this.tally.drain();
    if (counts.length === 0) return;
    try {
      await this.deps.auditLog.addFailureCounts(counts);
    } catch (error) {
      this.tally.restore(counts);
      this.deps.logger.warn('could not store the counts of refused requests; they are kept for the next try', {
        reason: error instanceof Error ? error.message : String(error),
      });
      throw error;
    }
  }
}
