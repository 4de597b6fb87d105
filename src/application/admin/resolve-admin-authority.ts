import { adminErrors } from '../../domain/admin/admin.errors.js';
import { isAdminEntryPoint } from '../../domain/admin/entry-point-groups.js';
import {
  limitedAuthority,
  SUPERUSER_AUTHORITY,
  type AdminAuthority,
  type KeyStanding,
  type UserStanding,
} from '../../domain/admin/grant-check.js';
import { apiAuthErrors } from '../../domain/api-auth/api-auth.errors.js';
import type { ApiCredential } from '../../domain/api-auth/api-credential.js';
import { credentialState } from '../../domain/api-auth/key-lifecycle.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { User } from '../../domain/users/user.js';

export interface ResolveAdminAuthorityDeps {
  credentialStore: CredentialStore;
  userDirectory: UserDirectory;
  clock: Clock;
}

/**
 * The user attribute that, when it is a list of entry point names, is what a staff user who is not a
 * superuser holds, in place of what their admin keys hold.
 */
export const STAFF_ENTRY_POINTS_ATTRIBUTE = 'adminEntryPoints';

/**
 * Who may do how much in the admin, read afresh on every request so that a change of flags or keys
 * counts at once:
 * - a superuser: everything;
 * - a staff user who is not a superuser: the entry points of their active admin keys (a key bound to
 *   them that holds an admin API entry point), or the list in their `adminEntryPoints` attribute;
 * - an admin key: its own entry points, and everything when it is bound to an active superuser and
 *   holds every admin API entry point (it could make itself anything anyway). A key bound to a user
 *   who is inactive is refused `API key disabled`; to one who is not staff, the admin API.
 */
export class ResolveAdminAuthority {
  constructor(private readonly deps: ResolveAdminAuthorityDeps) {}

  async ofUser(user: User): Promise<AdminAuthority> {
    return user.isSuperuser ? SUPERUSER_AUTHORITY : limitedAuthority(await this.staffHolds(user));
  }

  async ofKey(apiKey: string): Promise<AdminAuthority> {
    const credential = await this.deps.credentialStore.findByApiKey(apiKey);
    if (!credential) return limitedAuthority([]);
    if (credential.username === null) return limitedAuthority(credential.entryPoints);
    const user = await this.deps.userDirectory.findByUsername(credential.username);
    if (!user || !user.isActive) throw apiAuthErrors.keyDisabled();
    if (!user.isStaff) throw adminErrors.keyUserNotStaff();
    if (user.isSuperuser && (await this.holdsEveryAdminEntryPoint(credential))) return SUPERUSER_AUTHORITY;
    return limitedAuthority(credential.entryPoints);
  }

  /** What the grant check needs to know of a key. */
  async standingOfKey(credential: ApiCredential): Promise<KeyStanding> {
    const user = credential.username === null ? null : await this.deps.userDirectory.findByUsername(credential.username);
    return { entryPoints: credential.entryPoints, boundToSuperuser: user?.isSuperuser === true };
  }

  /** What the grant check needs to know of a user. */
  async standingOfUser(user: User): Promise<UserStanding> {
    const holds = user.isStaff && !user.isSuperuser ? await this.staffHolds(user) : new Set<string>();
    return { isSuperuser: user.isSuperuser, isStaff: user.isStaff, holds };
  }

  private async staffHolds(user: User): Promise<Set<string>> {
    const given = user.attributes[STAFF_ENTRY_POINTS_ATTRIBUTE];
    if (Array.isArray(given)) return new Set(given.filter((name): name is string => typeof name === 'string'));
    const adminNames = await this.adminEntryPointNames();
    const now = this.deps.clock.now();
    const holds = new Set<string>();
    for (const credential of await this.deps.credentialStore.listByUser(user.username)) {
      if (credentialState(credential, now) !== 'active') continue;
      if (![...credential.entryPoints].some((name) => adminNames.has(name))) continue;
      for (const name of credential.entryPoints) holds.add(name);
    }
    return holds;
  }

  private async holdsEveryAdminEntryPoint(credential: ApiCredential): Promise<boolean> {
    const adminNames = await this.adminEntryPointNames();
    return adminNames.size > 0 && [...adminNames].every((name) => credential.entryPoints.has(name));
  }

  private async adminEntryPointNames(): Promise<Set<string>> {
    const known = await this.deps.credentialStore.listEntryPoints();
    return new Set(known.filter(isAdminEntryPoint).map((entry) => entry.name));
  }
}
