import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserFilterValue } from '../../domain/admin/staff.js';
import type { Clock } from '../../domain/ports/clock.port.js';
import type { PasswordHasher } from '../../domain/ports/password-hasher.port.js';
import type { UserDirectory } from '../../domain/ports/user-directory.port.js';
import { summarizeUser, type UserSummary } from './user-summary.js';

export interface CreateUserDeps {
  userDirectory: UserDirectory;
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
export class CreateUser {
  constructor(private readonly deps: CreateUserDeps) {}

  async execute(request: NewUser): Promise<UserSummary> {
    const { userDirectory, passwordHasher, clock } = this.deps;
    if (await userDirectory.findByUsername(request.username)) throw adminErrors.userExists(request.username);
    const users = await userDirectory.list();
    const highest = Math.max(0, ...users.map((user) => user.attributes.id).filter((id) => typeof id === 'number'));
    const user = {
      username: request.username,
      passwordHash: await passwordHasher.hash(request.password),
      email: request.email ?? '',
      firstName: request.firstName ?? '',
      lastName: request.lastName ?? '',
      isStaff: request.isStaff ?? false,
      isSuperuser: request.isSuperuser ?? false,
      isActive: request.isActive ?? true,
      groups: [],
      dateJoined: clock.now(),
      lastLogin: null,
      attributes: { id: highest + 1 },
    };
    await userDirectory.save(user);
    return summarizeUser(user, this.deps.config.admin.userFilter);
  }
}
