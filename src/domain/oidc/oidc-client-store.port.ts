import type { OidcClient } from './oidc-client.js';

/** Where OpenID Connect clients are kept (the store: memory or MongoDB). */
export interface OidcClientStore {
  /** The client with this id; null when there is none. */
  find(clientId: string): Promise<OidcClient | null>;

  /** Every client, sorted by id. */
  list(): Promise<OidcClient[]>;

  /** Inserts the client, or replaces the one with the same id. */
  save(client: OidcClient): Promise<void>;

  /** Removes the client; false when there was none. */
  remove(clientId: string): Promise<boolean>;
}
