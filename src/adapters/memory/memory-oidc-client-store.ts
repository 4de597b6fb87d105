import type { OidcClient } from '../../domain/oidc/oidc-client.js';
import type { OidcClientStore } from '../../domain/oidc/oidc-client-store.port.js';

/** OpenID clients in process memory, lost on restart: for tests, demos and a single instance. */
export class MemoryOidcClientStore implements OidcClientStore {
  private readonly clients = new Map<string, OidcClient>();

  async find(clientId: string): Promise<OidcClient | null> {
    const client = this.clients.get(clientId);
    return client === undefined ? null : structuredClone(client);
  }

  async list(): Promise<OidcClient[]> {
    return [...this.clients.values()]
      .map((client) => structuredClone(client))
      .sort((a, b) => (a.clientId < b.clientId ? -1 : a.clientId > b.clientId ? 1 : 0));
  }

  async save(client: OidcClient): Promise<void> {
    this.clients.set(client.clientId, structuredClone(client));
  }

  async remove(clientId: string): Promise<boolean> {
    return this.clients.delete(clientId);
  }
}
