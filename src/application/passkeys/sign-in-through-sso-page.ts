import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { remoteHostFor, requireLoginParameters, type LoginRequest } from '../../domain/sso-provider/login-request.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { bindUser } from '../sso-provider/bind-user.js';
import type { PasskeyAnswer, SignInWithPasskey } from './sign-in-with-passkey.js';

export interface SignInThroughSsoPageDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  credentialStore: CredentialStore;
  userSerializer: UserSerializer;
  signInWithPasskey: SignInWithPasskey;
}

/**
 * A passkey offered on the SSO login page: the request is checked first (before the challenge is
 * spent), the passkey signs the user in (a refusal is thrown as a PasskeyError, for the page to show
 * again), and the user is bound to the request token as a password login binds them. Resolves where
 * to send the browser: the client app, with its auth token.
 */
export class SignInThroughSsoPage {
  constructor(private readonly deps: SignInThroughSsoPageDeps) {}

  async execute(login: { request: LoginRequest; answer: PasskeyAnswer }): Promise<string> {
    const request = requireLoginParameters(login.request);
    const { credentialStore, clock, signInWithPasskey } = this.deps;
    remoteHostFor(await credentialStore.findByApiKey(request.apiKey), request.next, clock.now());
    const { user, floor } = await signInWithPasskey.execute(login.answer);
    // A passkey is a factor of its own: the app is told this login passed one (`mfa`).
    return bindUser(this.deps, request, user, floor, true);
  }
}
