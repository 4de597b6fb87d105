import { matchesAuditFilter, type AuditEntry, type AuditFilter } from '../../domain/admin/audit-entry.js';
import { matchesFailureFilter, type FailureCount, type FailureFilter } from '../../domain/admin/failure-tally.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * The audit log in process memory, lost on restart: for tests, demos and a single instance. Entries
 * are kept as deeply frozen copies, in id order, so that a page is a scan from the end.
 */
export class MemoryAuditLog implements AuditLog {
  private readonly entries: AuditEntry[] = [];
  private readonly failures = new Map<string, Mutable<FailureCount>>();

  async append(entry: AuditEntry): Promise<void> {
    const copy = deepFreeze(structuredClone(entryFields(entry)));
    let index = this.entries.length;
    while (index > 0 && (this.entries[index - 1]?.id ?? '') > copy.id) index -= 1;
    this.entries.splice(index, 0, copy);
  }

  async list(filter: AuditFilter, page: { limit: number; before?: string }): Promise<AuditEntry[]> {
    const found: AuditEntry[] = [];
    for (let index = this.entries.length - 1; index >= 0 && found.length < page.limit; index -= 1) {
      const entry = this.entries[index];
      if (!entry || (page.before !== undefined && entry.id >= page.before)) continue;
      if (matchesAuditFilter(entry, filter)) found.push(entry);
    }
    return found;
  }

  async addFailureCounts(counts: readonly FailureCount[]): Promise<void> {
    for (const { apiKey, reason, day, count, firstAt, lastAt } of counts) {
      const slot = JSON.stringify([apiKey, reason, day]);
      const stored = this.failures.get(slot);
      if (stored) {
        stored.count += count;
        stored.firstAt = Math.min(stored.firstAt, firstAt);
        stored.lastAt = Math.max(stored.lastAt, lastAt);
      } else {
        this.failures.set(slot, { apiKey, reason, day, count, firstAt, lastAt });
      }
    }
  }

  async listFailureCounts(filter: FailureFilter): Promise<FailureCount[]> {
    return [...this.failures.values()].filter((count) => matchesFailureFilter(count, filter)).map((count) => ({ ...count }));
  }

  async ping(): Promise<void> {}
}

function entryFields(entry: AuditEntry): AuditEntry {
  const { id, at, via, actor, address, action, target, details } = entry;
  return { id, at, via, actor, address, action, target, details };
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}
