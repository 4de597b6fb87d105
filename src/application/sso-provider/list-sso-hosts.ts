import { compareText } from '../../domain/shared/compare-text.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

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

/** Every SSO key, removed (revoked) ones included, sorted by host and then age. */
export class ListSsoHosts {
  constructor(private readonly deps: ListSsoHostsDeps) {}

  async execute(): Promise<SsoHostSummary[]> {
    const summaries: SsoHostSummary[] = [];
    for (const credential of await this.deps.credentialStore.list()) {
      if (credential.ssoHost === null) continue;
      summaries.push({
        host: credential.ssoHost,
        apiKey: credential.apiKey,
        note: credential.note,
        createdAt: credential.createdAt,
        lastUsedAt: credential.lastUsedAt,
        revoked: credential.revoked,
      });
    }
    return summaries.sort((a, b) => compareText(a.host, b.host) || a.createdAt - b.createdAt);
  }
}
