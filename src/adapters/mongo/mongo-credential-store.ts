import type { Collection, Filter } from 'mongodb';
import { z } from 'zod';
import type { ApiCredential, SecretKey } from '../../domain/api-auth/api-credential.js';
import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialPageQuery, CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { Page } from '../../domain/shared/page.js';
import { afterFilter, containsFilter } from './mongo-page-filters.js';
import { BOOKKEEPING_WRITE, type MongoConnection } from './mongo-connection.js';
import type { SecretCipher } from './secret-cipher.js';

export type MongoCredentialStoreDeps = {
  mongoConnection: MongoConnection;
  secretCipher: SecretCipher;
};

const CREDENTIALS = 'api_credentials';
const ENTRY_POINTS = 'api_entry_points';

/**
 * A credential at rest, read back through this schema. Times are ms since the epoch; SEC keys exist
 * only as SecretCipher output bound to the credential's API key; entry points are sorted, so that
 * equal sets are stored alike. The fields of the key lifecycle came later: a document written before
 * them reads as a key never used from a known address, enabled, without expiry or rate limit.
 */
const credentialDocument = z.object({
  apiKey: z.string(),
  secretKeys: z.array(z.object({ encryptedValue: z.string(), createdAt: z.number(), expiresAt: z.number().nullable() })),
  username: z.string().nullable(),
  entryPoints: z.array(z.string()),
  note: z.string(),
  ssoHost: z.string().nullable(),
  createdAt: z.number(),
  lastUsedAt: z.number().nullable(),
  lastUsedFrom: z.string().nullable().default(null),
  revoked: z.boolean(),
  disabled: z.boolean().default(false),
  expiresAt: z.number().nullable().default(null),
  rateLimitPerMinute: z.number().int().positive().nullable().default(null),
  /** Counts the writes, so that an update can tell another write came first; absent before the first update. */
  version: z.number().int().optional(),
});
type CredentialDocument = z.infer<typeof credentialDocument>;

const entryPointDocument = z.object({ name: z.string(), method: z.string(), path: z.string() });
type EntryPointDocument = z.infer<typeof entryPointDocument>;

const withoutId = { projection: { _id: 0 } } as const;
/** An update retried this often against concurrent writes gives up: something is writing in a loop. */
const MAX_UPDATE_ATTEMPTS = 20;

/** Credentials in `api_credentials` and entry points in `api_entry_points`, SEC keys encrypted at rest. */
export class MongoCredentialStore implements CredentialStore {
  private readonly connection: MongoConnection;
  private readonly cipher: SecretCipher;

  constructor(deps: MongoCredentialStoreDeps) {
    this.connection = deps.mongoConnection;
    this.cipher = deps.secretCipher;
  }

  async findByApiKey(apiKey: string): Promise<ApiCredential | null> {
    const document = await (await this.credentials()).findOne({ apiKey }, { ...withoutId, ...this.connection.inSession() });
    return document ? this.toCredential(credentialDocument.parse(document)) : null;
  }

  async list(): Promise<ApiCredential[]> {
    const documents = await (
      await this.credentials()
    )
      .find({}, { ...withoutId, ...this.connection.inSession() })
      .sort({ createdAt: 1, apiKey: 1 })
      .toArray();
    return documents.map((document) => this.toCredential(credentialDocument.parse(document)));
  }

  async listByUser(username: string): Promise<ApiCredential[]> {
    return this.oldestFirst({ username });
  }

  async listBySsoHost(host: string): Promise<ApiCredential[]> {
    return this.oldestFirst({ ssoHost: host });
  }

  private async oldestFirst(filter: Filter<CredentialDocument>): Promise<ApiCredential[]> {
    const documents = await (
      await this.credentials()
    )
      .find(filter, { ...withoutId, ...this.connection.inSession() })
      .sort({ createdAt: 1, apiKey: 1 })
      .toArray();
    return documents.map((document) => this.toCredential(credentialDocument.parse(document)));
  }

  async listPage(query: CredentialPageQuery): Promise<Page<ApiCredential>> {
    const credentials = await this.credentials();
    const fields = query.order === 'host' ? (['ssoHost', 'createdAt', 'apiKey'] as const) : (['createdAt', 'apiKey'] as const);
    const matching: Filter<CredentialDocument>[] = [];
    if (query.order === 'host') matching.push({ ssoHost: { $type: 'string' } });
    if (query.entryPoint !== null) matching.push({ entryPoints: query.entryPoint });
    if (query.search !== null) matching.push(containsFilter(['apiKey', 'username', 'note', 'ssoHost'], query.search));
    const where: Filter<CredentialDocument> = matching.length > 0 ? { $and: matching } : {};
    let page: Filter<CredentialDocument> = where;
    if (query.after !== null) {
      const last = await credentials.findOne({ apiKey: query.after }, { ...withoutId, ...this.connection.inSession() });
      if (!last || (query.order === 'host' && last.ssoHost === null)) throw credentialErrors.unknownCursor();
      page = { $and: [...matching, afterFilter(fields.map((field) => [field, last[field]]))] };
    }
    const [documents, total] = await Promise.all([
      credentials
        .find(page, { ...withoutId, ...this.connection.inSession() })
        .sort(Object.fromEntries(fields.map((field) => [field, 1])))
        .limit(query.limit + 1)
        .toArray(),
      // Without a filter the collection's own count answers from its metadata, reading no document.
      matching.length > 0 ? credentials.countDocuments(where, this.connection.inSession()) : credentials.estimatedDocumentCount(),
    ]);
    const items = documents.slice(0, query.limit).map((document) => this.toCredential(credentialDocument.parse(document)));
    return { items, total, next: documents.length > query.limit ? (items.at(-1)?.apiKey ?? null) : null };
  }

  async save(credential: ApiCredential): Promise<void> {
    const credentials = await this.credentials();
    await credentials.replaceOne({ apiKey: credential.apiKey }, this.toDocument(credential), {
      upsert: true,
      ...this.connection.inSession(),
    });
  }

  async update(apiKey: string, change: (current: ApiCredential) => ApiCredential | null): Promise<ApiCredential | null> {
    const credentials = await this.credentials();
    for (let attempt = 0; attempt < MAX_UPDATE_ATTEMPTS; attempt += 1) {
      const found = await credentials.findOne({ apiKey }, { ...withoutId, ...this.connection.inSession() });
      if (!found) return null;
      const document = credentialDocument.parse(found);
      const current = this.toCredential(document);
      const next = change(current);
      if (next === null) return current;
      const version = document.version ?? 0;
      // Written only if nobody wrote since it was read; else read again.
      const unchanged = document.version === undefined ? { apiKey, version: { $exists: false } } : { apiKey, version };
      const written = await credentials.replaceOne(
        unchanged,
        { ...this.toDocument({ ...next, apiKey }), version: version + 1 },
        this.connection.inSession(),
      );
      if (written.matchedCount === 1) return { ...next, apiKey };
    }
    throw new Error(`API key ${apiKey} kept changing while it was being updated; try again`);
  }

  async recordUse(apiKey: string, at: number, from: string | null): Promise<void> {
    await (await this.credentials()).updateOne({ apiKey }, { $set: { lastUsedAt: at, lastUsedFrom: from } }, BOOKKEEPING_WRITE);
  }

  async listEntryPoints(): Promise<EntryPoint[]> {
    const documents = await (
      await this.entryPoints()
    )
      .find({}, { ...withoutId, ...this.connection.inSession() })
      .sort({ name: 1 })
      .toArray();
    return documents.map((document) => entryPointDocument.parse(document));
  }

  async saveEntryPoint(entryPoint: EntryPoint): Promise<void> {
    const { name, method, path } = entryPoint;
    await (
      await this.entryPoints()
    ).replaceOne({ name }, { name, method, path }, { upsert: true, ...this.connection.inSession() });
  }

  async removeEntryPoints(names: readonly string[]): Promise<void> {
    if (names.length === 0) return;
    const list = [...names];
    // Credentials first: if the second step fails, no credential is left naming a deleted entry point.
    const session = this.connection.inSession();
    await (
      await this.credentials()
    ).updateMany({ entryPoints: { $in: list } }, { $pull: { entryPoints: { $in: list } }, $inc: { version: 1 } }, session);
    await (await this.entryPoints()).deleteMany({ name: { $in: list } }, session);
  }

  async ping(): Promise<void> {
    await this.connection.db.command({ ping: 1 });
  }

  private async credentials(): Promise<Collection<CredentialDocument>> {
    await this.connection.ensureIndexes(CREDENTIALS, [
      { key: { apiKey: 1 }, unique: true },
      // The orders of the admin lists, so that a page is read through an index with a limit.
      { key: { createdAt: 1, apiKey: 1 } },
      { key: { ssoHost: 1, createdAt: 1, apiKey: 1 } },
      // A user's keys, for the admin grant check.
      { key: { username: 1, createdAt: 1, apiKey: 1 } },
    ]);
    return this.connection.db.collection<CredentialDocument>(CREDENTIALS);
  }

  private async entryPoints(): Promise<Collection<EntryPointDocument>> {
    await this.connection.ensureIndexes(ENTRY_POINTS, [{ key: { name: 1 }, unique: true }]);
    return this.connection.db.collection<EntryPointDocument>(ENTRY_POINTS);
  }

  private toDocument(credential: ApiCredential): CredentialDocument {
    return {
      apiKey: credential.apiKey,
      secretKeys: credential.secretKeys.map((key) => ({
        encryptedValue: this.cipher.encrypt(key.value, credential.apiKey),
        createdAt: key.createdAt,
        expiresAt: key.expiresAt,
      })),
      username: credential.username,
      entryPoints: [...credential.entryPoints].sort(),
      note: credential.note,
      ssoHost: credential.ssoHost,
      createdAt: credential.createdAt,
      lastUsedAt: credential.lastUsedAt,
      lastUsedFrom: credential.lastUsedFrom,
      revoked: credential.revoked,
      disabled: credential.disabled,
      expiresAt: credential.expiresAt,
      rateLimitPerMinute: credential.rateLimitPerMinute,
    };
  }

  private toCredential(document: CredentialDocument): ApiCredential {
    return {
      apiKey: document.apiKey,
      secretKeys: document.secretKeys.map((key) => this.toSecretKey(key, document.apiKey)),
      username: document.username,
      entryPoints: new Set(document.entryPoints),
      note: document.note,
      ssoHost: document.ssoHost,
      createdAt: document.createdAt,
      lastUsedAt: document.lastUsedAt,
      lastUsedFrom: document.lastUsedFrom,
      revoked: document.revoked,
      disabled: document.disabled,
      expiresAt: document.expiresAt,
      rateLimitPerMinute: document.rateLimitPerMinute,
    };
  }

  private toSecretKey(key: CredentialDocument['secretKeys'][number], apiKey: string): SecretKey {
    try {
      return { value: this.cipher.decrypt(key.encryptedValue, apiKey), createdAt: key.createdAt, expiresAt: key.expiresAt };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`a SEC key of API key ${apiKey} cannot be read: ${reason}`, { cause: error });
    }
  }
}
