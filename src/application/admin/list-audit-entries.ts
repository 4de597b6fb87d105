import type { AuditEntry, AuditFilter } from '../../domain/admin/audit-entry.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';

export interface ListAuditEntriesDeps {
  auditLog: AuditLog;
}

/** A page of the audit log, newest first; `next` is where the following page starts, null on the last. */
export interface AuditPage {
  entries: AuditEntry[];
  next: string | null;
}

export const DEFAULT_AUDIT_PAGE = 50;

export class ListAuditEntries {
  constructor(private readonly deps: ListAuditEntriesDeps) {}

  async execute(filter: AuditFilter, page: { limit?: number | undefined; before?: string | undefined } = {}): Promise<AuditPage> {
    const limit = page.limit ?? DEFAULT_AUDIT_PAGE;
    // One more than asked for says whether another page follows.
    const found = await this.deps.auditLog.list(filter, {
      limit: limit + 1,
      ...(page.before === undefined ? {} : { before: page.before }),
    });
    const entries = found.slice(0, limit);
    return { entries, next: found.length > limit ? (entries.at(-1)?.id ?? null) : null };
  }
}
