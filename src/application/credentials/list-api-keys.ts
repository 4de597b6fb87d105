import { activeSecrets, type ApiCredential } from '../../domain/api-auth/api-credential.js';
import { credentialState, type CredentialState } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { PAGE_LIMIT_DEFAULT, type Page } from '../../domain/shared/page.js';

export interface ListApiKeysDeps {
  credentialStore: CredentialStore;
  clock: Clock;
}

/** What may be shown of a credential: everything but its SEC keys. Times are ms since the epoch. */
export interface ApiKeySummary {
  apiKey: string;
  username: string | null;
  entryPoints: string[];
  note: string;
  ssoHost: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** The client address of the last recorded use. */
  lastUsedFrom: string | null;
  /** What the key can do now: revoked, expired, disabled, or active. */
  state: CredentialState;
  revoked: boolean;
  disabled: boolean;
  expiresAt: number | null;
  rateLimitPerMinute: number | null;
  /** How many SEC keys verify now: 2 during a rotation. */
  activeSecretKeys: number;
  /** During a rotation, when the previous SEC key stops verifying; null otherwise. */
  previousSecretKeyExpiresAt: number | null;
}

/**
 * Which page of keys to list: `limit` of them (50 by default) after `cursor` (the `next` of the page
 * before); only those allowed `entryPoint`, and those whose API key, user or note contain `q`.
 */
export interface ApiKeyQuery {
  entryPoint?: string | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
  q?: string | undefined;
}

/** A page of credentials, oldest first, as they may be shown. */
export class ListApiKeys {
  constructor(private readonly deps: ListApiKeysDeps) {}

  async execute(query: ApiKeyQuery = {}): Promise<Page<ApiKeySummary>> {
    const now = this.deps.clock.now();
    const page = await this.deps.credentialStore.listPage({
      order: 'created',
      limit: query.limit ?? PAGE_LIMIT_DEFAULT,
      after: query.cursor ?? null,
      search: searchText(query.q),
      entryPoint: query.entryPoint ?? null,
    });
    return { ...page, items: page.items.map((credential) => summarizeApiKey(credential, now)) };
  }
}

/** What a search box sent, blanks trimmed; null when there is nothing to search for. */
export function searchText(q: string | undefined): string | null {
  const text = q?.trim() ?? '';
  return text === '' ? null : text;
}

export function summarizeApiKey(credential: ApiCredential, now: number): ApiKeySummary {
  const active = activeSecrets(credential, now).length;
  const retiring = active > 1 ? (credential.secretKeys[1]?.expiresAt ?? null) : null;
  return {
    apiKey: credential.apiKey,
    username: credential.username,
    entryPoints: [...credential.entryPoints].sort(),
    note: credential.note,
    ssoHost: credential.ssoHost,
    createdAt: credential.createdAt,
    lastUsedAt: credential.lastUsedAt,
    lastUsedFrom: credential.lastUsedFrom,
    state: credentialState(credential, now),
    revoked: credential.revoked,
    disabled: credential.disabled,
    expiresAt: credential.expiresAt,
    rateLimitPerMinute: credential.rateLimitPerMinute,
    activeSecretKeys: active,
    previousSecretKeyExpiresAt: retiring,
  };
}
