import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { passedSecondFactor } from '../../domain/factors/mfa-policy.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import type { LoginCompleted } from '../factors/finish-second-step.js';
import { bindUser } from './bind-user.js';

export interface BindVerifiedUserDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
}

/**
 * The SSO login page's second step passed: the user (read again: deactivated meanwhile is refused)
 * is bound to the request token, checked as before, under the floor the password's login read, and
 * the app is told `mfa: true` when a second factor passed. Resolves where to send the browser.
 */
export class BindVerifiedUser {
  constructor(private readonly deps: BindVerifiedUserDeps) {}

  async execute(received: LoginRequest, completed: LoginCompleted): Promise<string> {
    const request = requireLoginParameters(received);
    const { credentialStore, userDirectory, clock } = this.deps;
    const [credential, user] = await Promise.all([
      credentialStore.findByApiKey(request.apiKey),
      userDirectory.findByUsername(completed.username),
    ]);
    remoteHostFor(credential, request.next, clock.now());
    if (!user) throw ssoErrors.userUnavailable();
    return bindUser(this.deps, request, user, completed.floor, passedSecondFactor(completed.amr));
  }
}
