import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { SsoProviderGateway } from '../../domain/sso-client/sso-provider-gateway.port.js';
import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import type { Session } from '../../domain/sessions/session.js';
import {
  attemptFor,
  attemptSecondsLeft,
  usedCallbackKey,
  withoutAttempt,
  type LoginAttempt,
} from '../../domain/sso-client/login-attempt.js';
import { ssoClientErrors } from '../../domain/sso-client/sso-client.errors.js';
import { ssoUserKey, userFromProvider, type SsoUser } from '../../domain/sso-client/sso-user.js';
import type { StartSession } from '../sessions/start-session.js';

export interface CompleteSsoLoginDeps {
  ssoProviderGateway: SsoProviderGateway;
  ssoUserStore: SsoUserStore;
  cache: Cache;
  clock: Clock;
  startSession: StartSession;
}

export interface SsoCallback {
  requestToken: string | undefined;
  authToken: string | undefined;
  /** The logins this browser has under way, as it sent them back. */
  attempts: readonly LoginAttempt[];
  /** The browser's current session at the app, if any: it is ended, and a new one started. */
  currentSessionId: string | null;
}

export interface CompletedSsoLogin {
  user: SsoUser;
  /** The new session's id, for the browser's cookie, and the session. */
  sessionId: string;
  session: Session;
  /** The local path the login was started for. */
  next: string;
  /** The browser's attempts, without this finished one. */
  attempts: LoginAttempt[];
}

/**
 * The provider sent the browser back to the app's callback (step 4 of the handshake). In order:
 * both tokens must be there; the browser must hold the attempt for this request token (a callback in
 * any other browser is refused before anything is redeemed); the callback must not have been used
 * (of many with the same pair, only the first reaches the provider); the provider must hand over the
 * user. Then the user is saved (refreshed at each login) and a new session is started under a new id.
 */
export class CompleteSsoLogin {
  constructor(private readonly deps: CompleteSsoLoginDeps) {}

  async execute(callback: SsoCallback): Promise<CompletedSsoLogin> {
    const { ssoProviderGateway, ssoUserStore, cache, clock, startSession } = this.deps;
    const { requestToken, authToken } = callback;
    if (!requestToken || !authToken) throw ssoClientErrors.callbackIncomplete();
    const now = clock.now();
    const attempt = attemptFor(callback.attempts, requestToken, now);
    if (!attempt) throw ssoClientErrors.foreignCallback();
    if (!(await cache.setIfAbsent(usedCallbackKey(attempt), '1', attemptSecondsLeft(attempt, now)))) {
      throw ssoClientErrors.callbackUsed();
    }
    const user = userFromProvider(await ssoProviderGateway.redeem(requestToken, authToken));
    if (!user) throw ssoClientErrors.providerAnswerInvalid();
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
