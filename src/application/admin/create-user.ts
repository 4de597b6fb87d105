import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface CreateUserDeps {
  userDirectory: UserDirectory;
  /** Holds the claims on a username and on an id while a user is made, so that creates at once never share either. */
  cache: Cache;
  passwordHasher: PasswordHasher;
  clock: Clock;
  config: { admin: { userFilter: Readonly<Record<string, UserFilterValue>> } };
}

export interface NewUser {
  username: string;
  password: string;
  email?: string | undefined;
  firstName?: string | undefined;
  lastName?: string | undefined;
  isStaff?: boolean | undefined;
  isSuperuser?: boolean | undefined;
  isActive?: boolean | undefined;
}

/**
 * Adds a user who can log in (active unless told otherwise). It gets the next numeric `id`
 * attribute, which dj-sso-client's default storage keys its users on.
 */
/** Longer than any create takes; a username claim left by a process that died mid-create frees it after this. */
const USERNAME_CLAIM_TTL_SECONDS = 30;
/**
 * An id claim is never released: a create that listed the users before another saved its user
 * must still not take that user's id. It only has to outlast the time from a list to a claim.
 */
const ID_CLAIM_TTL_SECONDS = 600;

export class CreateUser {
  constructor(private readonly deps: CreateUserDeps) {}

  async execute(request: NewUser): Promise<UserSummary> {
    const { userDirectory, passwordHasher, clock, cache } = this.deps;
    const claim = `user-claim:${request.username}`;
    // Whoever holds the claim is making this user: the others are told the username is taken.
    if (!(await cache.setIfAbsent(claim, '1', USERNAME_CLAIM_TTL_SECONDS))) throw adminErrors.userExists(request.username);
    try {
      if (await userDirectory.findByUsername(request.username)) throw adminErrors.userExists(request.username);
      const passwordHash = await passwordHasher.hash(request.password);
      const user = {
        username: request.username,
        passwordHash,
        email: request.email ?? '',
        firstName: request.firstName ?? '',
        lastName: request.lastName ?? '',
        isStaff: request.isStaff ?? false,
        isSuperuser: request.isSuperuser ?? false,
        isActive: request.isActive ?? true,
        groups: [],
        dateJoined: clock.now(),
        lastLogin: null,
        attributes: { id: await this.claimNextId() },
      };
      await userDirectory.save(user);
      return summarizeUser(user, this.deps.config.admin.userFilter);
    } finally {
      await cache.delete(claim);
    }
  }

  /** The lowest id above every user's that no other create has claimed: client apps key their users on it. */
  private async claimNextId(): Promise<number> {
    const users = await this.deps.userDirectory.list();
    let id = Math.max(0, ...users.map((user) => user.attributes.id).filter((value) => typeof value === 'number')) + 1;
    while (!(await this.deps.cache.setIfAbsent(`user-id-claim:${id}`, '1', ID_CLAIM_TTL_SECONDS))) id += 1;
    return id;
  }
}
