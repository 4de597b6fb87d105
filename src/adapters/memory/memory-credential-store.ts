import type { ApiCredential } from '../../domain/api-auth/api-credential.js';
import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialPageQuery, CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { compareText } from '../../domain/shared/compare-text.js';
import { containsText, type Page } from '../../domain/shared/page.js';
import { SortedIndex } from './sorted-index.js';

/** Where a credential sorts: oldest first, then by API key; SSO keys also by host first. */
interface SortKey {
  host: string | null;
  createdAt: number;
  apiKey: string;
}

const byCreated = (a: SortKey, b: SortKey) => a.createdAt - b.createdAt || compareText(a.apiKey, b.apiKey);
const byHost = (a: SortKey, b: SortKey) => compareText(a.host ?? '', b.host ?? '') || byCreated(a, b);
const sortKey = (credential: ApiCredential): SortKey => ({
  host: credential.ssoHost,
  createdAt: credential.createdAt,
  apiKey: credential.apiKey,
});

/**
 * Credentials and entry points in process memory, lost on restart: for tests, demos and a single
 * instance. Values are stored as frozen copies (with a Set of their own, handed out as ReadonlySet),
 * so reads share them without copying and neither the saved object nor a returned one can change
 * what is stored.
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly credentials = new Map<string, ApiCredential>();
  private readonly entryPoints = new Map<string, EntryPoint>();
  /** Every credential, oldest first; and the SSO keys by host: kept on write, so a page is a slice. */
  private readonly created = new SortedIndex<SortKey>(byCreated);
  private readonly hosts = new SortedIndex<SortKey>(byHost);
  /** The API keys bound to each user and held by each SSO host, kept on write. */
  private readonly byUser = new KeyGroups();
  private readonly bySsoHost = new KeyGroups();

  async findByApiKey(apiKey: string): Promise<ApiCredential | null> {
    return this.credentials.get(apiKey) ?? null;
  }

  async list(): Promise<ApiCredential[]> {
    return [...this.credentials.values()].sort((a, b) => a.createdAt - b.createdAt || compareText(a.apiKey, b.apiKey));
  }

  async listByUser(username: string): Promise<ApiCredential[]> {
    return this.oldestFirst(this.byUser.keysOf(username));
  }

  async listBySsoHost(host: string): Promise<ApiCredential[]> {
    return this.oldestFirst(this.bySsoHost.keysOf(host));
  }

  private oldestFirst(apiKeys: Iterable<string>): ApiCredential[] {
    const found: ApiCredential[] = [];
    for (const apiKey of apiKeys) {
      const credential = this.credentials.get(apiKey);
      if (credential) found.push(credential);
    }
    return found.sort((a, b) => a.createdAt - b.createdAt || compareText(a.apiKey, b.apiKey));
  }

  async listPage(query: CredentialPageQuery): Promise<Page<ApiCredential>> {
    const index = query.order === 'host' ? this.hosts : this.created;
    const afterCredential = query.after === null ? null : this.credentials.get(query.after);
    if (afterCredential === undefined || (afterCredential && query.order === 'host' && afterCredential.ssoHost === null)) {
      throw credentialErrors.unknownCursor();
    }
    const matches = (credential: ApiCredential): boolean =>
      (query.entryPoint === null || credential.entryPoints.has(query.entryPoint)) &&
      (query.search === null ||
        [credential.apiKey, credential.username, credential.note, credential.ssoHost].some((text) =>
          containsText(text, query.search ?? ''),
        ));
    const items: ApiCredential[] = [];
    let more = false;
    const after = afterCredential === null ? null : { key: sortKey(afterCredential), id: afterCredential.apiKey };
    for (const apiKey of index.from(after)) {
      const credential = this.credentials.get(apiKey);
      if (!credential || !matches(credential)) continue;
      if (items.length === query.limit) {
        more = true;
        break;
      }
      items.push(credential);
    }
    const filtered = query.search !== null || query.entryPoint !== null;
    const total = filtered ? this.count(index, matches) : index.size;
    return { items, total, next: more ? (items.at(-1)?.apiKey ?? null) : null };
  }

  private count(index: SortedIndex<SortKey>, matches: (credential: ApiCredential) => boolean): number {
    let total = 0;
    for (const apiKey of index.from(null)) {
      const credential = this.credentials.get(apiKey);
      if (credential && matches(credential)) total += 1;
    }
    return total;
  }

  async save(credential: ApiCredential): Promise<void> {
    this.store(frozenCopy(credential, credential.entryPoints));
  }

  /** Stores `credential` and moves it in the indexes when its sort key changed. */
  private store(credential: ApiCredential): void {
    const previous = this.credentials.get(credential.apiKey);
    this.credentials.set(credential.apiKey, credential);
    this.byUser.move(credential.apiKey, previous?.username ?? null, credential.username);
    this.bySsoHost.move(credential.apiKey, previous?.ssoHost ?? null, credential.ssoHost);
    const key = sortKey(credential);
    const before = previous ? sortKey(previous) : undefined;
    if (!before || byHost(before, key) !== 0 || before.host !== key.host) {
      this.created.set(credential.apiKey, key, before);
      if (before && before.host !== null) this.hosts.remove(credential.apiKey, before);
      if (key.host !== null) this.hosts.set(credential.apiKey, key);
    }
  }

  async update(apiKey: string, change: (current: ApiCredential) => ApiCredential | null): Promise<ApiCredential | null> {
    // Read, change and write with no await between: nothing else runs in between.
    const current = this.credentials.get(apiKey);
    if (!current) return null;
    const next = change(current);
    if (next === null) return current;
    const stored = frozenCopy({ ...next, apiKey }, next.entryPoints);
    this.store(stored);
    return stored;
  }

  async recordUse(apiKey: string, at: number, from: string | null): Promise<void> {
    const credential = this.credentials.get(apiKey);
    if (credential) this.credentials.set(apiKey, Object.freeze({ ...credential, lastUsedAt: at, lastUsedFrom: from }));
  }

  async listEntryPoints(): Promise<EntryPoint[]> {
    return [...this.entryPoints.values()].sort((a, b) => compareText(a.name, b.name));
  }

  async saveEntryPoint(entryPoint: EntryPoint): Promise<void> {
    const { name, method, path } = entryPoint;
    this.entryPoints.set(name, Object.freeze({ name, method, path }));
  }

  async removeEntryPoints(names: readonly string[]): Promise<void> {
    const removed = new Set(names);
    for (const name of removed) this.entryPoints.delete(name);
    for (const credential of this.credentials.values()) {
      const kept = [...credential.entryPoints].filter((name) => !removed.has(name));
      if (kept.length < credential.entryPoints.size) {
        this.credentials.set(credential.apiKey, frozenCopy(credential, kept));
      }
    }
  }

  async ping(): Promise<void> {}
}

/** Which API keys share a value (a user, a host): a set per value, dropped once empty. */
class KeyGroups {
  private readonly groups = new Map<string, Set<string>>();

  keysOf(value: string): Iterable<string> {
    return this.groups.get(value) ?? [];
  }

  move(apiKey: string, from: string | null, to: string | null): void {
    if (from === to) return;
    if (from !== null) {
      const group = this.groups.get(from);
      group?.delete(apiKey);
      if (group?.size === 0) this.groups.delete(from);
    }
    if (to !== null) {
      const group = this.groups.get(to) ?? new Set<string>();
      group.add(apiKey);
      this.groups.set(to, group);
    }
  }
}

function frozenCopy(credential: ApiCredential, entryPoints: Iterable<string>): ApiCredential {
  return Object.freeze({
    apiKey: credential.apiKey,
    secretKeys: Object.freeze(
      credential.secretKeys.map(({ value, createdAt, expiresAt }) => Object.freeze({ value, createdAt, expiresAt })),
    ),
    username: credential.username,
    entryPoints: new Set(entryPoints),
    note: credential.note,
    ssoHost: credential.ssoHost,
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
    lastUsedFrom: credential.lastUsedFrom,
    revoked: credential.revoked,
    disabled: credential.disabled,
    expiresAt: credential.expiresAt,
    rateLimitPerMinute: credential.rateLimitPerMinute,
  });
}
