import type { Cache } from '../../domain/backends/cache.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { claimsOf, type OidcClaims } from '../../domain/oidc/oidc-claims.js';
import { loginMarkKey, loginStillStands, parseLoginMark, subjectKey } from '../../domain/oidc/oidc-login-mark.js';
import { sessionFloorKey } from '../../domain/sessions/session.js';

export interface FindOidcAccountDeps {
  cache: Cache;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
}

export interface OidcAccount {
  /** The user's `sub`: what the provider's grants and sessions are kept under. */
  accountId: string;
  claims: OidcClaims;
}

/**
 * The account a grant or a login names by its `sub`, with its claims; null when it may have none: no such user,
 * a deactivated one, or (for a grant) one whose sessions were ended or password changed since the
 * login behind the grant. Every code exchange, refresh and userinfo call asks this first.
 */
export class FindOidcAccount {
  constructor(private readonly deps: FindOidcAccountDeps) {}

  async execute(sub: string, grantId: string | undefined): Promise<OidcAccount | null> {
    const { cache, userDirectory, userSerializer } = this.deps;
    const username = await cache.get(subjectKey(sub));
    if (username === null) return null;
    const [user, mark, floor] = await Promise.all([
      userDirectory.findByUsername(username),
      grantId === undefined ? Promise.resolve(null) : cache.get(loginMarkKey(grantId)).then(parseLoginMark),
      cache.get(sessionFloorKey(username)),
    ]);
    if (user === null || !user.isActive) return null;
    if (grantId !== undefined && !loginStillStands(mark, user, floor)) return null;
    const claims = claimsOf(user, await userSerializer.serialize(user));
    // A serializer that now says another id for this user: the grant was for someone else's sub.
    return claims.sub === sub ? { accountId: sub, claims } : null;
  }
}
