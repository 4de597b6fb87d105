import { oidcClientErrors } from '../../src/domain/oidc-client/oidc-client.errors.js';
import type { OidcLoginBinding, OidcProviderGateway } from '../../src/domain/oidc-client/oidc-provider-gateway.port.js';

const AUTHORIZE = 'https://provider.example/oidc/auth';

/**
 * An OpenID provider in memory, for the use cases: it remembers each authorization request by its
 * state, hands out a code for a login, and checks at the exchange what a real provider and relying
 * party check (the code once, the verifier, the redirect URI, the nonce).
 */
export class InMemoryOidcProviderGateway implements OidcProviderGateway {
  /** When true, every call fails as an unreachable provider does. */
  down = false;
  readonly requests = new Map<string, OidcLoginBinding>();
  readonly exchanges: string[] = [];
  private readonly codes = new Map<string, { state: string; claims: Record<string, unknown>; nonce: string }>();

  prepare(): Promise<void> {
    return this.down ? Promise.reject(oidcClientErrors.providerUnavailable()) : Promise.resolve();
  }

  async authorizationUrl(binding: OidcLoginBinding): Promise<string> {
    await this.prepare();
    this.requests.set(binding.state, binding);
    const query = new URLSearchParams({ state: binding.state, redirect_uri: binding.redirectUri, nonce: binding.nonce });
    return `${AUTHORIZE}?${query.toString()}`;
  }

  /** The user logs in for the request with `state`: the query the browser comes back with. */
  logIn(state: string, claims: Record<string, unknown>, nonce?: string): URLSearchParams {
    const request = this.requests.get(state);
    if (!request) throw new Error('no such authorization request');
    const code = `code-${this.codes.size + 1}`;
    this.codes.set(code, { state, claims, nonce: nonce ?? request.nonce });
    return new URLSearchParams({ code, state, iss: 'https://provider.example/oidc' });
  }

  async redeem(callbackUrl: string, binding: OidcLoginBinding): Promise<Readonly<Record<string, unknown>>> {
    await this.prepare();
    const url = new URL(callbackUrl);
    const code = url.searchParams.get('code') ?? '';
    this.exchanges.push(code);
    const issued = this.codes.get(code);
    this.codes.delete(code);
    const request = this.requests.get(binding.state);
    if (!issued || !request || request.codeVerifier !== binding.codeVerifier || request.redirectUri !== binding.redirectUri) {
      throw oidcClientErrors.loginRefused('invalid_grant');
    }
    if (`${url.origin}${url.pathname}` !== binding.redirectUri) throw oidcClientErrors.loginRefused('invalid_grant');
    if (issued.nonce !== binding.nonce) throw oidcClientErrors.idTokenRejected('was not issued for this login');
    return issued.claims;
  }

  async endSessionUrl(postLogoutRedirectUri: string): Promise<string> {
    await this.prepare();
    return `https://provider.example/oidc/session/end?${new URLSearchParams({ post_logout_redirect_uri: postLogoutRedirectUri }).toString()}`;
  }
}
