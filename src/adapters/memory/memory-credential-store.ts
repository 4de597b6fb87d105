import type { ApiCredential } from '../../domain/api-auth/api-credential.js';
import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import { compareText } from '../../domain/shared/compare-text.js';

/**
 * Credentials and entry points in process memory, lost on restart: for tests, demos and a single
 * instance. Values are stored as frozen copies (with a Set of their own, handed out as ReadonlySet),
 * so reads share them without copying and neither the saved object nor a returned one can change
 * what is stored.
 */
export class MemoryCredentialStore implements CredentialStore {
  private readonly credentials = new Map<string, ApiCredential>();
  private readonly entryPoints = new Map<string, EntryPoint>();

  async findByApiKey(apiKey: string): Promise<ApiCredential | null> {
    return this.credentials.get(apiKey) ?? null;
  }

  async list(): Promise<ApiCredential[]> {
    return [...this.credentials.values()].sort((a, b) => a.createdAt - b.createdAt || compareText(a.apiKey, b.apiKey));
  }

  async save(credential: ApiCredential): Promise<void> {
    this.credentials.set(credential.apiKey, frozenCopy(credential, credential.entryPoints));
  }

  async update(apiKey: string, change: (current: ApiCredential) => ApiCredential | null): Promise<ApiCredential | null> {
    // Read, change and write with no await between: nothing else runs in between.
    const current = this.credentials.get(apiKey);
    if (!current) return null;
    const next = change(current);
    if (next === null) return current;
    const stored = frozenCopy({ ...next, apiKey }, next.entryPoints);
    this.credentials.set(apiKey, stored);
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
