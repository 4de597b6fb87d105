import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import {
  AUTH_TOKEN_TTL_SECONDS,
  grantKey,
  livePendingRequest,
  newGrant,
  pendingKey,
} from '../../domain/sso-provider/handshake.js';
import type { CompleteLoginRequest } from '../../domain/sso-provider/login-request.js';
import { withQueryParameters } from '../../domain/sso-provider/next-url.js';
import { isWellFormedToken, newToken } from '../../domain/sso-provider/sso-token.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';
import type { User } from '../../domain/users/user.js';

export interface BindUserDeps {
  cache: Cache;
  clock: Clock;
  random: RandomSource;
  userSerializer: UserSerializer;
}

/**
 * Step 3 of the handshake, shared by a login and a continue on the page: the user, serialised, is
 * bound to the request token once, with the session floor the login (or the session) began under, by exchanging the pending request for a grant in one atomic
 * step (a token issued to another key is not even seen). Returns where to send the browser: `next`
 * with `request_token` and a fresh `auth_token` added to its query.
 */
export async function bindUser(
  deps: BindUserDeps,
  request: CompleteLoginRequest,
  user: User,
  floor: string | null,
  mfa: boolean,
): Promise<string> {
  const { cache, clock, random, userSerializer } = deps;
  if (!user.isActive) throw ssoErrors.userUnavailable();
  if (!isWellFormedToken(request.requestToken)) throw ssoErrors.invalidRequestToken();
  const authToken = newToken(random);
  const now = clock.now();
  // `mfa`: whether this login passed a second factor (old clients ignore a field they do not know).
  const serialized = { ...(await userSerializer.serialize(user)), mfa };
  const grant = newGrant(request.apiKey, user.username, floor, serialized, authToken, now);
  const toGrant = grantKey(request.apiKey, request.requestToken);
  const taken = await cache.exchange(
    pendingKey(request.apiKey, request.requestToken),
    toGrant,
    JSON.stringify(grant),
    AUTH_TOKEN_TTL_SECONDS,
  );
  if (!livePendingRequest(taken, request.apiKey, now)) {
    // Expired by the clock though still in the cache: the grant just written must not stand.
    if (taken !== null) await cache.delete(toGrant);
    throw ssoErrors.invalidRequestToken();
  }
  return withQueryParameters(request.next, { request_token: request.requestToken, auth_token: authToken });
}
