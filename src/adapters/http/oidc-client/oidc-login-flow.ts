import type { CompleteOidcLogin } from '../../../application/oidc-client/complete-oidc-login.js';
import type { LogOutThroughProvider } from '../../../application/oidc-client/log-out-through-provider.js';
import type { StartOidcLogin } from '../../../application/oidc-client/start-oidc-login.js';
import type { OidcProviderGateway } from '../../../domain/oidc-client/oidc-provider-gateway.port.js';
import type { LoginFlow } from '../sso-client/login-flow.js';

export interface OidcLoginFlowDeps {
  oidcProviderGateway: OidcProviderGateway;
  startOidcLogin: StartOidcLogin;
  completeOidcLogin: CompleteOidcLogin;
  logOutThroughProvider: LogOutThroughProvider;
}

/**
 * OpenID Connect: the authorization request (code, PKCE S256, state, nonce), the code exchanged at
 * the callback; a logout at the app and then at the provider, which comes back to the app's home.
 */
export function oidcLoginFlow(deps: OidcLoginFlowDeps): LoginFlow {
  return {
    prepare: () => deps.oidcProviderGateway.prepare(),
    start: (request) => deps.startOidcLogin.execute(request),
    complete: (callback) => deps.completeOidcLogin.execute(callback),
    logOut: (sessionId, appUrl) => deps.logOutThroughProvider.execute(sessionId, `${appUrl}/`),
  };
}
