import { isUsable } from '../../domain/api-auth/api-credential.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';
import { isAllowedNext } from '../../domain/sso-provider/next-url.js';
import type { SsoHandshake } from '../../domain/sso-provider/sso-handshake.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';

export interface CheckLoginRequestDeps {
  credentialStore: CredentialStore;
  ssoHandshake: SsoHandshake;
  clock: Clock;
}

/** The parameters a client app sends the browser to the login page with. */
export interface LoginRequest {
  apiKey: string | undefined;
  requestToken: string | undefined;
  next: string | undefined;
}

/** What the login page shows about the app asking. */
export interface LoginRequestView {
  /** The host (`host[:port]`) bound to the API key: where the browser will be sent back. */
  remoteHost: string;
  /** Whole seconds left to log in before the request token expires. */
  secondsLeft: number;
}

/**
 * Step 2 of the handshake: may this browser be shown a login for this app? Checked in
 * dj-sso-server's order: the parameters, the request token (live, and issued to `api_key`), then
 * `next` against the host bound to `api_key`.
 */
export class CheckLoginRequest {
  constructor(private readonly deps: CheckLoginRequestDeps) {}

  async execute(request: LoginRequest): Promise<LoginRequestView> {
    const { apiKey, requestToken, next } = request;
    if (!apiKey || !requestToken || !next) throw ssoErrors.parameterMissing();
    const { secondsLeft } = await this.deps.ssoHandshake.inspect(requestToken, apiKey);
    const credential = await this.deps.credentialStore.findByApiKey(apiKey);
    if (
      !credential ||
      !isUsable(credential, this.deps.clock.now()) ||
      credential.ssoHost === null ||
      !isAllowedNext(next, credential.ssoHost)
    ) {
      throw ssoErrors.remoteHostDenied();
    }
    return { remoteHost: credential.ssoHost, secondsLeft };
  }
}
