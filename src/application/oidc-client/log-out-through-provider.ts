import type { OidcProviderGateway } from '../../domain/oidc-client/oidc-provider-gateway.port.js';
import type { EndSession } from '../sessions/end-session.js';

export interface LogOutThroughProviderDeps {
  endSession: EndSession;
  oidcProviderGateway: OidcProviderGateway;
}

/**
 * Logs the browser out of the app and then of the provider (RP-initiated logout): the app's session
 * ends here, on every instance sharing the cache, and the browser is sent to the provider's logout,
 * which ends the person's session there (at Signet, the Signet session) and sends it back to
 * `postLogoutRedirectUri`. When the provider cannot be reached the local logout stands, and this
 * rejects with provider_unavailable.
 */
export class LogOutThroughProvider {
  constructor(private readonly deps: LogOutThroughProviderDeps) {}

  async execute(sessionId: string | null, postLogoutRedirectUri: string): Promise<string> {
    if (sessionId !== null) await this.deps.endSession.execute(sessionId);
    return this.deps.oidcProviderGateway.endSessionUrl(postLogoutRedirectUri);
  }
}
