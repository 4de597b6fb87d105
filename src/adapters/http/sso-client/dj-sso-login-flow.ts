import type { CompleteSsoLogin } from '../../../application/sso-client/complete-sso-login.js';
import type { LogOut } from '../../../application/sso-client/log-out.js';
import type { StartSsoLogin } from '../../../application/sso-client/start-sso-login.js';
import type { LoginFlow } from './login-flow.js';

export interface DjSsoLoginFlowDeps {
  startSsoLogin: StartSsoLogin;
  completeSsoLogin: CompleteSsoLogin;
  logOut: LogOut;
}

/** The dj-sso handshake: a request token, the provider's login page, the pair redeemed; a logout at the app only. */
export function djSsoLoginFlow(deps: DjSsoLoginFlowDeps): LoginFlow {
  return {
    prepare: () => Promise.resolve(),
    start: (request) => deps.startSsoLogin.execute(request),
    complete: (callback) =>
      deps.completeSsoLogin.execute({
        requestToken: callback.query.get('request_token') ?? undefined,
        authToken: callback.query.get('auth_token') ?? undefined,
        attempts: callback.attempts,
        currentSessionId: callback.currentSessionId,
      }),
    async logOut(sessionId) {
      await deps.logOut.execute(sessionId);
      return '/';
    },
  };
}
