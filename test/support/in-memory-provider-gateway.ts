import { randomBytes } from 'node:crypto';
import type { SsoProviderGateway } from '../../src/domain/sso-client/sso-provider-gateway.port.js';
import { ssoClientErrors } from '../../src/domain/sso-client/sso-client.errors.js';

/**
 * A provider held in memory, behind the gateway port: it issues request tokens, lets a test log a
 * user in with one (as the login page would), and hands the user over once for the right pair.
 */
export class InMemoryProviderGateway implements SsoProviderGateway {
  readonly calls: string[] = [];
  /** Set to make every call fail as an unreachable provider does. */
  down = false;
  private readonly grants = new Map<string, { authToken: string; user: unknown } | null>();

  async requestToken(): Promise<string> {
    this.calls.push('requestToken');
    if (this.down) throw ssoClientErrors.providerUnavailable();
    const token = randomBytes(32).toString('base64url');
    this.grants.set(token, null);
    return token;
  }

  loginPageUrl(requestToken: string, callbackUrl: string): string {
    return `https://provider.example/sso/login/?${new URLSearchParams({ request_token: requestToken, next: callbackUrl }).toString()}`;
  }

  /** A login on the provider's page: answers the auth token the browser is sent back with. */
  logIn(requestToken: string, user: unknown): string {
    const authToken = randomBytes(32).toString('base64url');
    this.grants.set(requestToken, { authToken, user });
    return authToken;
  }

  async redeem(requestToken: string, authToken: string): Promise<unknown> {
    this.calls.push('redeem');
    if (this.down) throw ssoClientErrors.providerUnavailable();
    const grant = this.grants.get(requestToken);
    this.grants.delete(requestToken);
    if (!grant) throw ssoClientErrors.loginRefused('request token not found');
    if (grant.authToken !== authToken) throw ssoClientErrors.loginRefused('auth token error');
    return grant.user;
  }
}
