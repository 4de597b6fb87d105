import type { ClientMetadata } from 'oidc-provider';
import type { OidcClient } from '../../../domain/oidc/oidc-client.js';

/**
 * A Signet client as the provider reads it: the code flow only (with refresh tokens), PKCE for every
 * client (the provider's configuration requires it), its redirect URIs matched exactly, and
 * client_secret_basic for a confidential client or no secret at all for a public one.
 */
export function clientMetadata(client: OidcClient): ClientMetadata {
  return {
    client_id: client.clientId,
    ...(client.secret === null
      ? { token_endpoint_auth_method: 'none' }
      : { client_secret: client.secret, token_endpoint_auth_method: 'client_secret_basic' }),
    client_name: client.name,
    redirect_uris: [...client.redirectUris],
    post_logout_redirect_uris: [...client.postLogoutRedirectUris],
    grant_types: ['authorization_code', 'refresh_token'],
    response_types: ['code'],
    scope: client.scopes.join(' '),
    id_token_signed_response_alg: client.idTokenSignedResponseAlg,
  };
}
