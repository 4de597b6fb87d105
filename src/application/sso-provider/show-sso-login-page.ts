import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import { livePendingRequest, pendingKey, secondsLeft } from '../../domain/sso-provider/handshake.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import { isWellFormedToken } from '../../domain/sso-provider/sso-token.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';

export interface ShowSsoLoginPageDeps {
  cache: Cache;
  clock: Clock;
  credentialStore: CredentialStore;
}

/** What the login page shows. */
export interface SsoLoginPage {
  /** The host (`host[:port]`) bound to the API key: where the browser will be sent back. */
  remoteHost: string;
  /** Whole seconds left to log in before the request token expires. */
  secondsLeft: number;
  /** Who is logged in on the provider and may continue as such; null shows the login form. */
  currentUser: string | null;
}

/**
 * Step 2 of the handshake, and the "switch account" choice on its page (shown again with no one to
 * continue as): may this browser be shown a login for this app? Checked in dj-sso-server's order:
 * the parameters, the request token (live, and issued to `api_key`), then `next` against the host
 * bound to `api_key`.
 */
export class ShowSsoLoginPage {
  constructor(private readonly deps: ShowSsoLoginPageDeps) {}

  async execute(received: LoginRequest, currentUser: string | null): Promise<SsoLoginPage> {
    const request = requireLoginParameters(received);
    const { cache, clock, credentialStore } = this.deps;
    const [stored, credential] = await Promise.all([
      isWellFormedToken(request.requestToken) ? cache.get(pendingKey(request.apiKey, request.requestToken)) : null,
      credentialStore.findByApiKey(request.apiKey),
    ]);
    const now = clock.now();
    const pending = livePendingRequest(stored, request.apiKey, now);
    if (!pending) throw ssoErrors.invalidRequestToken();
    return { remoteHost: remoteHostFor(credential, request.next, now), secondsLeft: secondsLeft(pending, now), currentUser };
  }
}
