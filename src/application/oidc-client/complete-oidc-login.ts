import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { Session } from '../../domain/sessions/session.js';
import type { OidcProviderGateway } from '../../domain/oidc-client/oidc-provider-gateway.port.js';
import { oidcClientErrors } from '../../domain/oidc-client/oidc-client.errors.js';
import { oidcLoginSecrets } from '../../domain/oidc-client/oidc-login-secrets.js';
import { userFromClaims } from '../../domain/oidc-client/oidc-user.js';
import {
  attemptFor,
  attemptSecondsLeft,
  usedCallbackKey,
  withoutAttempt,
  type LoginAttempt,
} from '../../domain/sso-client/login-attempt.js';
import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import { ssoUserKey, type SsoUser } from '../../domain/sso-client/sso-user.js';
import type { StartSession } from '../sessions/start-session.js';

export interface CompleteOidcLoginDeps {
  oidcProviderGateway: OidcProviderGateway;
  ssoUserStore: SsoUserStore;
  cache: Cache;
  clock: Clock;
  startSession: StartSession;
  oidcLoginKey: Uint8Array;
}

export interface OidcCallback {
  /** The app's callback, absolute, as the login sent it as its redirect URI. */
  callbackUrl: string;
  /** The query the provider sent the browser back with (`code`, `state`, `iss`; or `error`). */
  query: URLSearchParams;
  /** The logins this browser has under way, as it sent them back. */
  attempts: readonly LoginAttempt[];
  /** The browser's current session at the app, if any: it is ended, and a new one started. */
  currentSessionId: string | null;
}

export interface CompletedOidcLogin {
  user: SsoUser;
  sessionId: string;
  session: Session;
  /** The local path the login was started for. */
  next: string;
  /** The browser's attempts, without this finished one. */
  attempts: LoginAttempt[];
}

/**
 * The provider sent the browser back to the app's redirect URI. In order: a state and a code (or
 * the provider's error) must be there; the browser must hold the attempt for this state (a callback
 * in any other browser, or a state changed on the way, is refused before anything is exchanged); the
 * callback must not have been used; the provider must exchange the code for an ID token that passes
 * every check (this login's nonce among them). Then the user is saved and a new session started.
 */
export class CompleteOidcLogin {
  constructor(private readonly deps: CompleteOidcLoginDeps) {}

  async execute(callback: OidcCallback): Promise<CompletedOidcLogin> {
    const { oidcProviderGateway, ssoUserStore, cache, clock, startSession, oidcLoginKey } = this.deps;
    const state = callback.query.get('state');
    const code = callback.query.get('code');
    const error = callback.query.get('error');
    if (!state || (!code && !error)) throw oidcClientErrors.callbackIncomplete();
    const now = clock.now();
    const attempt = attemptFor(callback.attempts, state, now);
    if (!attempt) throw oidcClientErrors.stateMismatch();
    // The provider's error code only: its description is its own text, not this app's to repeat.
    if (error) throw oidcClientErrors.loginRefused(error);
    if (!(await cache.setIfAbsent(usedCallbackKey(attempt), '1', attemptSecondsLeft(attempt, now)))) {
      throw oidcClientErrors.callbackUsed();
    }
    const claims = await oidcProviderGateway.redeem(`${callback.callbackUrl}?${callback.query.toString()}`, {
      redirectUri: callback.callbackUrl,
      state,
      ...oidcLoginSecrets(oidcLoginKey, state),
    });
    const user = userFromClaims(claims);
    if (!user) throw oidcClientErrors.providerAnswerInvalid();
    await ssoUserStore.save(user);
    const started = await startSession.execute(ssoUserKey(user.id), null, callback.currentSessionId);
    return {
      user,
      sessionId: started.id,
      session: started.session,
      next: attempt.next,
      attempts: withoutAttempt(callback.attempts, attempt),
    };
  }
}
