import type { SigningAlgorithm } from './signing-key.js';

/** The scopes a client may be allowed; `openid` is always among a client's. */
export const OIDC_SCOPES = ['openid', 'profile', 'email', 'groups', 'offline_access'] as const;
export type OidcScope = (typeof OIDC_SCOPES)[number];

/**
 * An application registered to log its users in through OpenID Connect. Times are ms since the epoch.
 * A confidential client authenticates with `secret` (client_secret_basic); a public one has none and
 * relies on PKCE alone.
 */
export interface OidcClient {
  readonly clientId: string;
  /** The client secret; null for a public client. Never shown after it is created. */
  readonly secret: string | null;
  readonly name: string;
  /** Compared exactly, character for character: no prefix, no case folding, no pattern. */
  readonly redirectUris: readonly string[];
  readonly postLogoutRedirectUris: readonly string[];
  readonly scopes: readonly OidcScope[];
  /** A client of the same organisation: its users are not asked to consent. */
  readonly firstParty: boolean;
  /** What its ID tokens are signed with: ES256 unless the client knows only RS256. */
  readonly idTokenSignedResponseAlg: SigningAlgorithm;
  /** A disabled client is refused everywhere, as if it did not exist. */
  readonly disabled: boolean;
  readonly createdAt: number;
}

/** True when a client may take part in a login now. */
export function isUsableClient(client: OidcClient | null): client is OidcClient {
  return client !== null && !client.disabled;
}
