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
    // Built a field at a time, not as a literal spreading the attributes: V8 makes such a literal
    // a dictionary and adds each later field through its slow path (15 µs a user, against 2).
    const serialized: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(user.attributes)) {
      // Defined, not assigned: an attribute named __proto__ stays an attribute.
      if (!withheld.has(name))
        Object.defineProperty(serialized, name, { value, enumerable: true, writable: true, configurable: true });
    }
    serialized.id = serialized.id ?? user.username;
    serialized.username = user.username;
    serialized.email = user.email;
    serialized.first_name = user.firstName;
    serialized.last_name = user.lastName;
    serialized.is_staff = user.isStaff;
    serialized.is_superuser = user.isSuperuser;
    serialized.is_active = user.isActive;
    serialized.groups = [...user.groups];
    serialized.date_joined = new Date(user.dateJoined).toISOString();
    serialized.last_login = user.lastLogin === null ? null : new Date(user.lastLogin).toISOString();
    return serialized;
  }
}
