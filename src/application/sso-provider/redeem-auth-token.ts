import type { MeterSsoLogin } from '../app-meter/meter-sso-login.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { SerializedUser } from '../../domain/users/user-serializer.port.js';
import { sessionFloorKey } from '../../domain/sessions/session.js';
import { grantedUser, grantKey, livePendingRequest, pendingKey, redeemGrant } from '../../domain/sso-provider/handshake.js';
import { isWellFormedToken } from '../../domain/sso-provider/sso-token.js';
import { ssoErrors } from '../../domain/sso-provider/sso-provider.errors.js';

export interface RedeemAuthTokenDeps {
  cache: Cache;
  clock: Clock;
  userDirectory: UserDirectory;
  /** Counts the login for the migration meter; started, never waited for. */
  meterSsoLogin: Pick<MeterSsoLogin, 'execute'>;
}

export interface Redemption {
  /** The key that signed the request: it must be the one the request token was issued to. */
  apiKey: string;
  requestToken: string | undefined;
  authToken: string | undefined;
}

/**
 * Step 4 of the handshake: the client app trades the two tokens for the user, once. Whatever the
 * outcome, the pair cannot be redeemed again: the grant is taken, and when there is none yet the
 * waiting request token is taken too. Another key's attempt reads as not found and takes nothing,
 * since the records are kept under the key they were issued to. A user deactivated, or given a new
 * password, since they logged in is refused: the app would otherwise log in whoever had the account
 * or the old password.
 */
export class RedeemAuthToken {
  constructor(private readonly deps: RedeemAuthTokenDeps) {}

  async execute(redemption: Redemption): Promise<SerializedUser> {
    const { apiKey, requestToken, authToken } = redemption;
    if (!requestToken || !authToken) throw ssoErrors.parameterMissing();
    if (!isWellFormedToken(requestToken)) throw ssoErrors.requestTokenNotFound();
    const { cache, clock } = this.deps;
    const grant = await cache.take(grantKey(apiKey, requestToken));
    const now = clock.now();
    const pendingWasLive =
      grant === null && livePendingRequest(await cache.take(pendingKey(apiKey, requestToken)), apiKey, now) !== null;
    const redeemed = redeemGrant(grant, pendingWasLive, apiKey, authToken, now);
    const [user, floor] = await Promise.all([
      this.deps.userDirectory.findByUsername(redeemed.username),
      cache.get(sessionFloorKey(redeemed.username)),
    ]);
    const granted = grantedUser(redeemed, user, floor);
    // The login ends here, in the app: the meter counts it without holding the app's answer back.
    void this.deps.meterSsoLogin.execute(apiKey, redeemed.username);
    return granted;
  }
}
