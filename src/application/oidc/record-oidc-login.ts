import type { Cache } from '../../domain/backends/cache.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { loginMarkFor, loginMarkKey } from '../../domain/oidc/oidc-login-mark.js';
import { userErrors } from '../../domain/users/user.errors.js';

export interface RecordOidcLoginDeps {
  cache: Cache;
  userDirectory: UserDirectory;
  config: { oidc: { grantTtlSeconds: number } };
}

/**
 * Binds a grant to the login that just authorised it: the user's session floor that login read, and
 * their password as it is now. FindOidcAccount then refuses the grant's tokens once either changes.
 * Called as an interaction ends, and when a live Signet session carries an authorisation without one.
 */
export class RecordOidcLogin {
  constructor(private readonly deps: RecordOidcLoginDeps) {}

  async execute(grantId: string, username: string, floor: string | null): Promise<void> {
    const user = await this.deps.userDirectory.findByUsername(username);
    if (user === null || !user.isActive) throw userErrors.invalidCredentials();
    await this.deps.cache.set(
      loginMarkKey(grantId),
      JSON.stringify(loginMarkFor(user, floor)),
      this.deps.config.oidc.grantTtlSeconds,
    );
  }
}
