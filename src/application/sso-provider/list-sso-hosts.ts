import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { PAGE_LIMIT_DEFAULT, type Page } from '../../domain/shared/page.js';
import { searchText } from '../credentials/list-api-keys.js';

export interface ListSsoHostsDeps {
  credentialStore: CredentialStore;
}

/** What may be shown of an SSO key: everything but its SEC keys. Times are ms since the epoch. */
export interface SsoHostSummary {
  host: string;
  apiKey: string;
  note: string;
  createdAt: number;
  lastUsedAt: number | null;
  revoked: boolean;
}

/** Which page of SSO keys: as ApiKeyQuery, without the entry point. */
export interface SsoHostQuery {
  limit?: number | undefined;
  cursor?: string | undefined;
  q?: string | undefined;
}

/** A page of SSO keys, removed (revoked) ones included, sorted by host and then age. */
export class ListSsoHosts {
  constructor(private readonly deps: ListSsoHostsDeps) {}

  async execute(query: SsoHostQuery = {}): Promise<Page<SsoHostSummary>> {
    const page = await this.deps.credentialStore.listPage({
      order: 'host',
      limit: query.limit ?? PAGE_LIMIT_DEFAULT,
      after: query.cursor ?? null,
      search: searchText(query.q),
      entryPoint: null,
    });
    const items = page.items.map((credential) => ({
      host: credential.ssoHost ?? '',
      apiKey: credential.apiKey,
      note: credential.note,
      createdAt: credential.createdAt,
      lastUsedAt: credential.lastUsedAt,
      revoked: credential.revoked,
    }));
    return { ...page, items };
  }
}
