import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import { bindUser } from './bind-user.js';

export interface ContinueAsCurrentUserDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
}

export interface ContinueAs {
  request: LoginRequest;
  /** Who is logged in on the provider now. */
  username: string;
  /** The session floor their session began under: the grant is kept under it too. */
  floor: string | null;
}

/**
 * "Continue as <user>" on the SSO login page: the user logged in on the provider is bound to the
 * request token, and the provider's session is left as it was. Resolves where to send the browser.
 */
export class ContinueAsCurrentUser {
  constructor(private readonly deps: ContinueAsCurrentUserDeps) {}

  async execute(choice: ContinueAs): Promise<string> {
    const request = requireLoginParameters(choice.request);
    const { credentialStore, userDirectory, clock } = this.deps;
    const [credential, user] = await Promise.all([
      credentialStore.findByApiKey(request.apiKey),
      userDirectory.findByUsername(choice.username),
    ]);
    remoteHostFor(credential, request.next, clock.now());
    if (!user) throw ssoErrors.userUnavailable();
    return bindUser(this.deps, request, user, choice.floor);
  }
}
