import type { Collection, Filter } from 'mongodb';
import { z } from 'zod';
import { AUDIT_ACTIONS, type AuditEntry, type AuditFilter } from '../../domain/admin/audit-entry.js';
import type { FailureCount, FailureFilter } from '../../domain/admin/failure-tally.js';
import type { AuditLog } from '../../domain/admin/audit-log.port.js';
import type { MongoConnection } from './mongo-connection.js';

export interface MongoAuditLogDeps {
  mongoConnection: MongoConnection;
}

const ENTRIES = 'audit_log';
const FAILURES = 'auth_failures';

const detail = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

/** An entry at rest, read back through this schema. */
const entryDocument = z.object({
  id: z.string(),
  at: z.number(),
  via: z.enum(['admin-site', 'admin-api', 'command-line', 'login']),
  actor: z.string(),
  address: z.string().nullable(),
  action: z.enum(AUDIT_ACTIONS),
  target: z.string(),
  details: z.record(z.string(), detail),
});
type EntryDocument = z.infer<typeof entryDocument>;

/** The refusals of one key (null: unknown keys), reason and day. */
const failureDocument = z.object({
  apiKey: z.string().nullable(),
  reason: z.string(),
  day: z.string(),
  count: z.number(),
  firstAt: z.number(),
  lastAt: z.number(),
});
type FailureDocument = z.infer<typeof failureDocument>;

const withoutId = { projection: { _id: 0 } } as const;

/** Entries in `audit_log`, failure sums in `auth_failures` (one document per key, reason and day). */
export class MongoAuditLog implements AuditLog {
  private readonly connection: MongoConnection;

  constructor(deps: MongoAuditLogDeps) {
    this.connection = deps.mongoConnection;
  }

  async append(entry: AuditEntry): Promise<void> {
    const { id, at, via, actor, address, action, target } = entry;
    const details: EntryDocument['details'] = {};
    for (const [name, value] of Object.entries(entry.details)) {
      details[name] = typeof value === 'object' && value !== null ? [...value] : value;
    }
    await (await this.entries()).insertOne({ id, at, via, actor, address, action, target, details });
  }

  async list(filter: AuditFilter, page: { limit: number; before?: string }): Promise<AuditEntry[]> {
    const query: Filter<EntryDocument> = {};
    if (filter.actor !== undefined) query.actor = filter.actor;
    if (filter.action !== undefined) query.action = filter.action;
    if (filter.target !== undefined) query.target = filter.target;
    if (filter.via !== undefined) query.via = filter.via;
    if (filter.since !== undefined || filter.until !== undefined) {
      query.at = {
        ...(filter.since === undefined ? {} : { $gte: filter.since }),
        ...(filter.until === undefined ? {} : { $lt: filter.until }),
      };
    }
    if (page.before !== undefined) query.id = { $lt: page.before };
    const documents = await (await this.entries()).find(query, withoutId).sort({ id: -1 }).limit(page.limit).toArray();
    return documents.map((document) => entryDocument.parse(document));
  }

  async addFailureCounts(counts: readonly FailureCount[]): Promise<void> {
    if (counts.length === 0) return;
    // One upsert per sum, each atomic on the server: instances writing at once add up.
    await (
      await this.failures()
    ).bulkWrite(
      counts.map(({ apiKey, reason, day, count, firstAt, lastAt }) => ({
        updateOne: {
          filter: { apiKey, reason, day },
          update: { $inc: { count }, $min: { firstAt }, $max: { lastAt } },
          upsert: true,
        },
      })),
      { ordered: false },
    );
  }

  async listFailureCounts(filter: FailureFilter): Promise<FailureCount[]> {
    const query: Filter<FailureDocument> = {};
    if (filter.apiKey !== undefined) query.apiKey = filter.apiKey;
    if (filter.reason !== undefined) query.reason = filter.reason;
    if (filter.sinceDay !== undefined || filter.untilDay !== undefined) {
      query.day = {
        ...(filter.sinceDay === undefined ? {} : { $gte: filter.sinceDay }),
        ...(filter.untilDay === undefined ? {} : { $lte: filter.untilDay }),
      };
    }
    const documents = await (await this.failures()).find(query, withoutId).toArray();
    return documents.map((document) => failureDocument.parse(document));
  }

  async ping(): Promise<void> {
    await this.connection.db.command({ ping: 1 });
  }

  private async entries(): Promise<Collection<EntryDocument>> {
    await this.connection.ensureIndexes(ENTRIES, [
      { key: { id: 1 }, unique: true },
      { key: { target: 1, id: -1 } },
      { key: { actor: 1, id: -1 } },
    ]);
    return this.connection.db.collection<EntryDocument>(ENTRIES);
  }

  private async failures(): Promise<Collection<FailureDocument>> {
    await this.connection.ensureIndexes(FAILURES, [{ key: { day: 1, apiKey: 1, reason: 1 }, unique: true }]);
    return this.connection.db.collection<FailureDocument>(FAILURES);
  }
}
