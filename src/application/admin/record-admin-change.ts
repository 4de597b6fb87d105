import type { Actor } from '../../domain/admin/actor.js';
import { newAuditEntry, type AuditAction, type AuditDetail } from '../../domain/admin/audit-entry.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';

export interface RecordAdminChangeDeps {
  auditLog: AuditLog;
  clock: Clock;
  random: RandomSource;
}

/** One change for the audit log: never a secret among the details. */
export interface AdminChange {
  action: AuditAction;
  target: string;
  details?: Readonly<Record<string, AuditDetail>>;
}

/** Writes who made a change, when, from where, and what it was. */
export class RecordAdminChange {
  private made = 0;

  constructor(private readonly deps: RecordAdminChangeDeps) {}

  async execute(actor: Actor, change: AdminChange): Promise<void> {
    const { auditLog, clock, random } = this.deps;
    this.made += 1;
    await auditLog.append(newAuditEntry(actor, change, clock.now(), this.made, random));
  }
}
