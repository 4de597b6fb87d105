import type { Clock } from '../../domain/shared/clock.port.js';
import type { SsoProviderGateway } from '../../domain/sso-client/sso-provider-gateway.port.js';
import { newLoginAttempt, withAttempt, type LoginAttempt } from '../../domain/sso-client/login-attempt.js';

export interface StartSsoLoginDeps {
  ssoProviderGateway: SsoProviderGateway;
  clock: Clock;
}

export interface SsoLoginRequest {
  /** Where the visitor wants to go once logged in, as asked; anything but a local path becomes `/`. */
  next: string | undefined;
  /** The app's callback, absolute: the provider sends the browser back there with the tokens. */
  callbackUrl: string;
  /** The logins this browser already has under way. */
  attempts: readonly LoginAttempt[];
}

export interface StartedSsoLogin {
  /** The provider's login page, where the browser goes next. */
  location: string;
  /** What the browser should hold from now on: its attempts with this one added. */
  attempts: LoginAttempt[];
}

/**
 * "Log in" at an app (steps 1 and 2 of the handshake): a request token from the provider, and the
 * login page to send the browser to. The attempt is handed back for the browser to keep, so that
 * only this browser can finish the login; the app itself keeps nothing. When the provider cannot be
 * asked, this rejects and nothing is kept anywhere.
 */
export class StartSsoLogin {
  constructor(private readonly deps: StartSsoLoginDeps) {}

  async execute(request: SsoLoginRequest): Promise<StartedSsoLogin> {
    const { ssoProviderGateway, clock } = this.deps;
    const requestToken = await ssoProviderGateway.requestToken();
    const attempt = newLoginAttempt(requestToken, request.next, clock.now());
    return {
      location: ssoProviderGateway.loginPageUrl(requestToken, request.callbackUrl),
      attempts: withAttempt(request.attempts, attempt),
    };
  }
}
