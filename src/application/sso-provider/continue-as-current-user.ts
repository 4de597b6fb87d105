import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import { passedSecondFactor } from '../../domain/factors/mfa-policy.js';
import type { BeginSecondStep } from '../factors/begin-second-step.js';
import { bindUser } from './bind-user.js';
import { ssoLoginPurpose, type SsoLoginOutcome } from './sso-login-outcome.js';

export interface ContinueAsCurrentUserDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
  beginSecondStep: Pick<BeginSecondStep, 'execute'>;
}

export interface ContinueAs {
  request: LoginRequest;
  /** Who is logged in on the provider now. */
  username: string;
  /** The session floor their session began under: the grant is kept under it too. */
  floor: string | null;
  /** How their session's login was made (RFC 8176). */
  amr: readonly string[];
}

/**
 * "Continue as <user>" on the SSO login page: the user logged in on the provider is bound to the
 * request token, and the provider's session is left as it was. A session whose login passed a second
 * factor is not asked for one again (the app is told `mfa: true`); a session that did not is asked
 * for one when the user has one by now, or MFA_REQUIRED covers them, as a login would be, and is
 * bound only once it passes. Resolves where to send the browser, or the second step to pass.
 */
export class ContinueAsCurrentUser {
  constructor(private readonly deps: ContinueAsCurrentUserDeps) {}

  async execute(choice: ContinueAs): Promise<SsoLoginOutcome> {
    const request = requireLoginParameters(choice.request);
    const { credentialStore, userDirectory, clock } = this.deps;
    const [credential, user] = await Promise.all([
      credentialStore.findByApiKey(request.apiKey),
      userDirectory.findByUsername(choice.username),
    ]);
    remoteHostFor(credential, request.next, clock.now());
    if (!user) throw ssoErrors.userUnavailable();
    const mfa = passedSecondFactor(choice.amr);
    if (!mfa) {
      const purpose = ssoLoginPurpose(request);
      const started = await this.deps.beginSecondStep.execute({ user, floor: choice.floor, purpose, amrSoFar: choice.amr });
      if (started.kind === 'pending') return { kind: 'second-step', started };
    }
    return { kind: 'bound', location: await bindUser(this.deps, request, user, choice.floor, mfa) };
  }
}
