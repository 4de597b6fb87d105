import type { Cache } from '../../domain/backends/cache.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { UserSerializer } from '../../domain/users/user-serializer.port.js';
import { claimsOf } from '../../domain/oidc/oidc-claims.js';
import { subjectKey } from '../../domain/oidc/oidc-login-mark.js';
import { userErrors } from '../../domain/users/user.errors.js';

export interface RememberOidcSubjectDeps {
  cache: Cache;
  userDirectory: UserDirectory;
  userSerializer: UserSerializer;
  config: { oidc: { grantTtlSeconds: number } };
}

/**
 * The `sub` of a user who is logging in (the serializer's stable id), remembered against their
 * username for as long as a grant lives, so that the provider, which knows an account only by its
 * `sub`, can find the user again. A user who cannot log in has none.
 */
export class RememberOidcSubject {
  constructor(private readonly deps: RememberOidcSubjectDeps) {}

  async execute(username: string): Promise<string> {
    const { cache, userDirectory, userSerializer, config } = this.deps;
    const user = await userDirectory.findByUsername(username);
    if (user === null || !user.isActive) throw userErrors.invalidCredentials();
    const { sub } = claimsOf(user, await userSerializer.serialize(user));
    await cache.set(subjectKey(sub), user.username, config.oidc.grantTtlSeconds);
    return sub;
  }
}
