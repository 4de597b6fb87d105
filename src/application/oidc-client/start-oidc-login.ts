import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { OidcProviderGateway } from '../../domain/oidc-client/oidc-provider-gateway.port.js';
import { oidcLoginSecrets } from '../../domain/oidc-client/oidc-login-secrets.js';
import { newLoginAttempt, withAttempt, type LoginAttempt } from '../../domain/sso-client/login-attempt.js';

export interface StartOidcLoginDeps {
  oidcProviderGateway: OidcProviderGateway;
  clock: Clock;
  random: RandomSource;
  /** The key each login's nonce and code verifier are derived with (see oidcLoginSecrets). */
  oidcLoginKey: Uint8Array;
}

export interface OidcLoginRequest {
  /** Where the visitor wants to go once logged in, as asked; anything but a local path becomes `/`. */
  next: string | undefined;
  /** The app's callback, absolute: the redirect URI registered at the provider. */
  callbackUrl: string;
  /** The logins this browser already has under way. */
  attempts: readonly LoginAttempt[];
}

export interface StartedOidcLogin {
  /** The provider's authorization endpoint, with this login's request: where the browser goes next. */
  location: string;
  /** What the browser should hold from now on: its attempts with this one added. */
  attempts: LoginAttempt[];
}

/**
 * "Log in" at an app over OpenID Connect: a fresh `state`, the nonce and PKCE verifier derived from
 * it, and the authorization request to send the browser with. The browser keeps the attempt (the
 * digest of the state), so that only this browser can finish the login; the app keeps nothing.
 */
export class StartOidcLogin {
  constructor(private readonly deps: StartOidcLoginDeps) {}

  async execute(request: OidcLoginRequest): Promise<StartedOidcLogin> {
    const { oidcProviderGateway, clock, random, oidcLoginKey } = this.deps;
    const state = Buffer.from(random.bytes(32)).toString('base64url');
    const location = await oidcProviderGateway.authorizationUrl({
      redirectUri: request.callbackUrl,
      state,
      ...oidcLoginSecrets(oidcLoginKey, state),
    });
    const attempt = newLoginAttempt(state, request.next, clock.now());
    return { location, attempts: withAttempt(request.attempts, attempt) };
  }
}
