import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import type { BeginSecondStep } from '../factors/begin-second-step.js';
import type { AuthenticateUser } from '../users/authenticate-user.js';
import { bindUser } from './bind-user.js';
import { ssoLoginPurpose, type SsoLoginOutcome } from './sso-login-outcome.js';

export interface LogInThroughSsoPageDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  credentialStore: CredentialStore;
  userSerializer: UserSerializer;
  authenticateUser: AuthenticateUser;
  beginSecondStep: Pick<BeginSecondStep, 'execute'>;
}

export interface SsoPageLogin {
  request: LoginRequest;
  username: string;
  password: string;
  /** The client's address as the HTTP edge determined it. */
  address: string;
}

/**
 * A username and password typed on the SSO login page: the request is checked once, the user
 * authenticated (a refusal such as a wrong password is thrown as a UserError, for the page to show
 * again), then bound to the request token, unless a second factor is due (the user has one, or
 * MFA_REQUIRED asks for one): then the half-login is begun, and nothing is bound until it passes
 * (BindVerifiedUser). Resolves where to send the browser. Logging in here does not log the browser
 * into the provider itself.
 */
export class LogInThroughSsoPage {
  constructor(private readonly deps: LogInThroughSsoPageDeps) {}

  async execute(login: SsoPageLogin): Promise<SsoLoginOutcome> {
    const request = requireLoginParameters(login.request);
    const { credentialStore, clock, authenticateUser } = this.deps;
    remoteHostFor(await credentialStore.findByApiKey(request.apiKey), request.next, clock.now());
    const { user, floor } = await authenticateUser.execute({
      username: login.username,
      password: login.password,
      address: login.address,
    });
    const started = await this.deps.beginSecondStep.execute({ user, floor, purpose: ssoLoginPurpose(request) });
    if (started.kind === 'pending') return { kind: 'second-step', started };
    return { kind: 'bound', location: await bindUser(this.deps, request, user, floor, false) };
  }
}
