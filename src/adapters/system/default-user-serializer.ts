import type { SerializedUser, UserSerializer } from '../../domain/users/user-serializer.port.js';
import type { User } from '../../domain/users/user.js';

/** Attribute names that never reach a client app, whatever an installation stored under them. */
const withheld = new Set(['password', 'password_hash', 'passwordHash', 'permissions', 'user_permissions']);

/**
 * What dj-sso-server sent by default (Django's model_to_dict of the user, less the password and
 * permissions), in its snake_case names, with the free-form attributes alongside:
 *
 *     {"id": ..., "username": "user1", "email": ..., "first_name": ..., "last_name": ...,
 *      "is_staff": false, "is_active": true, "date_joined": "2026-...Z", "last_login": null, ...}
 *
 * dj-sso-client keys its users on `id`: it is the user's `id` attribute when there is one (its
 * default database storage needs a number there), and the username otherwise.
 */
export class DefaultUserSerializer implements UserSerializer {
  async serialize(user: User): Promise<SerializedUser> {
    const attributes = Object.fromEntries(Object.entries(user.attributes).filter(([name]) => !withheld.has(name)));
    return {
      ...attributes,
      id: attributes.id ?? user.username,
      username: user.username,
      email: user.email,
      first_name: user.firstName,
      last_name: user.lastName,
      is_staff: user.isStaff,
      is_superuser: user.isSuperuser,
      is_active: user.isActive,
      groups: [...user.groups],
      date_joined: new Date(user.dateJoined).toISOString(),
      last_login: user.lastLogin === null ? null : new Date(user.lastLogin).toISOString(),
    };
  }
}
