/** What a login needs the provider to bind to this browser's attempt, all derived from its `state`. */
export interface OidcLoginBinding {
  /** The app's callback, absolute: the redirect URI, exactly as registered at the provider. */
  redirectUri: string;
  state: string;
  nonce: string;
  /** The PKCE code verifier; only its S256 challenge goes to the browser. */
  codeVerifier: string;
}

/**
 * An app's way to its OpenID provider: the authorization request, the code exchange and the logout,
 * as a relying party makes them.
 *
 * Failures are OidcClientErrors: `provider_unavailable` when the provider cannot be reached, answers
 * after the timeout or answers 5xx; the others as each method says.
 */
export interface OidcProviderGateway {
  /**
   * Reads the provider's metadata (discovery). Rejects with `issuer_invalid` when what answers at
   * the issuer is not that issuer's OpenID provider (a wrong URL, a wrong path, another issuer).
   */
  prepare(): Promise<void>;

  /** Where to send the browser: the authorization request (code flow, PKCE S256, state and nonce). */
  authorizationUrl(binding: OidcLoginBinding): Promise<string>;

  /**
   * The user's claims for the browser's return to `callbackUrl` (the redirect URI with the
   * provider's query): the code exchanged with the verifier, the ID token verified (signature,
   * issuer, audience, expiry, nonce), the userinfo read for its subject. `id_token_rejected` when a
   * check fails, `login_refused` when the provider refuses the code.
   */
  redeem(callbackUrl: string, binding: OidcLoginBinding): Promise<Readonly<Record<string, unknown>>>;

  /** The provider's logout (RP-initiated), sending the browser back to `postLogoutRedirectUri` after. */
  endSessionUrl(postLogoutRedirectUri: string): Promise<string>;
}
