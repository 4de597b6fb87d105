import { asClass, asFunction } from 'awilix';
import { oidcLoginFlow } from '../adapters/http/oidc-client/oidc-login-flow.js';
import type { LoginFlow } from '../adapters/http/sso-client/login-flow.js';
import { OpenidClientOidcProviderGateway } from '../adapters/openid-client/openid-client-oidc-provider-gateway.js';
import { CompleteOidcLogin } from '../application/oidc-client/complete-oidc-login.js';
import { LogOutThroughProvider } from '../application/oidc-client/log-out-through-provider.js';
import { StartOidcLogin } from '../application/oidc-client/start-oidc-login.js';
import type { OidcProviderSettings } from '../config/sso-client.settings.js';
import type { Logger } from '../domain/shared/logger.port.js';
import { oidcLoginKey } from '../domain/oidc-client/oidc-login-secrets.js';
import type { OidcProviderGateway } from '../domain/oidc-client/oidc-provider-gateway.port.js';
import type { Wiring } from './wiring.js';

/** What OpenID Connect adds to the SSO client's cradle. */
export interface OidcClientCradle {
  oidcProviderGateway: OidcProviderGateway;
  /** Derived from the cookie key: each login's nonce and code verifier are derived with it. */
  oidcLoginKey: Buffer;
  startOidcLogin: StartOidcLogin;
  completeOidcLogin: CompleteOidcLogin;
  logOutThroughProvider: LogOutThroughProvider;
  loginFlow: LoginFlow;
}

/** The SSO client as an OpenID relying party: openid-client for the provider, and the OpenID use cases. */
export function oidcClientWiring(provider: OidcProviderSettings): Wiring<OidcClientCradle> {
  return {
    oidcProviderGateway: asFunction(
      ({ logger, fetch }: { logger: Logger; fetch: typeof globalThis.fetch }) =>
        new OpenidClientOidcProviderGateway({ config: { provider }, logger, fetch }),
    ).singleton(),
    oidcLoginKey: asFunction(({ cookieKey }: { cookieKey: Buffer }) => oidcLoginKey(cookieKey)).singleton(),
    startOidcLogin: asClass(StartOidcLogin).singleton(),
    completeOidcLogin: asClass(CompleteOidcLogin).singleton(),
    logOutThroughProvider: asClass(LogOutThroughProvider).singleton(),
    loginFlow: asFunction(oidcLoginFlow).singleton(),
  };
}
