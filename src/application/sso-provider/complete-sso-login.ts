import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import type { UserSerializer } from '../../domain/ports/user-serializer.port.js';
import { withQueryParameters } from '../../domain/sso-provider/next-url.js';
import type { SsoHandshake } from '../../domain/sso-provider/sso-handshake.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import type { CheckLoginRequest } from './check-login-request.js';

export interface CompleteSsoLoginDeps {
  checkLoginRequest: CheckLoginRequest;
  ssoHandshake: SsoHandshake;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
}

export interface SsoLogin {
  apiKey: string;
  requestToken: string;
  next: string;
  /** The user who logged in on the page, or whose provider session was continued. */
  username: string;
}

/**
 * Step 3 of the handshake: binds the user, serialised, to the request token (once) and says where
 * to send the browser: `next` with `request_token` and a fresh `auth_token` added to its query.
 */
export class CompleteSsoLogin {
  constructor(private readonly deps: CompleteSsoLoginDeps) {}

  async execute(login: SsoLogin): Promise<string> {
    const { apiKey, requestToken, next, username } = login;
    await this.deps.checkLoginRequest.execute({ apiKey, requestToken, next });
    const user = await this.deps.userDirectory.findByUsername(username);
    if (!user || !user.isActive) throw ssoErrors.userUnavailable();
    const serialized = await this.deps.userSerializer.serialize(user);
    const authToken = await this.deps.ssoHandshake.bind(requestToken, apiKey, serialized);
    return withQueryParameters(next, { request_token: requestToken, auth_token: authToken });
  }
}
