import type { SerializedUser } from '../../domain/ports/user-serializer.port.js';
import type { SsoHandshake } from '../../domain/sso-provider/sso-handshake.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';

export interface RedeemAuthTokenDeps {
  ssoHandshake: SsoHandshake;
}

export interface Redemption {
  /** The key that signed the request: it must be the one the request token was issued to. */
  apiKey: string;
  requestToken: string | undefined;
  authToken: string | undefined;
}

/** Step 4 of the handshake: the client app trades the two tokens for the user, once. */
export class RedeemAuthToken {
  constructor(private readonly deps: RedeemAuthTokenDeps) {}

  async execute(redemption: Redemption): Promise<SerializedUser> {
    const { apiKey, requestToken, authToken } = redemption;
    if (!requestToken || !authToken) throw ssoErrors.parameterMissing();
    return this.deps.ssoHandshake.redeem(requestToken, authToken, apiKey);
  }
}
