import type { User } from '../users/user.js';

/** Who may use the admin site: an active staff user. */
export function isAdminUser(user: User | null): user is User {
  return user !== null && user.isActive && user.isStaff;
}

/** A value of API_AUTH_ADMIN_USER_FILTER. */
export type UserFilterValue = string | number | boolean | null;

/** The user's fields by the names dj-api-auth's setting used (Django's) and by Signet's own. */
function fieldOf(user: User, name: string): { found: true; value: unknown } | { found: false } {
  const fields: Readonly<Record<string, unknown>> = {
    username: user.username,
    email: user.email,
    first_name: user.firstName,
    firstName: user.firstName,
    last_name: user.lastName,
    lastName: user.lastName,
    is_staff: user.isStaff,
    isStaff: user.isStaff,
    is_superuser: user.isSuperuser,
    isSuperuser: user.isSuperuser,
    is_active: user.isActive,
    isActive: user.isActive,
  };
  if (Object.hasOwn(fields, name)) return { found: true, value: fields[name] };
  if (Object.hasOwn(user.attributes, name)) return { found: true, value: user.attributes[name] };
  return { found: false };
}

/**
 * Whether a user may be bound to an API key under API_AUTH_ADMIN_USER_FILTER: every name of the
 * filter must hold its value, as a user field (`is_staff` or `isStaff`), a group (`groups`: the user
 * is in that group) or an attribute. An empty filter lets anyone be bound.
 */
export function matchesUserFilter(user: User, filter: Readonly<Record<string, UserFilterValue>>): boolean {
  return Object.entries(filter).every(([name, wanted]) => {
    if (name === 'groups') return typeof wanted === 'string' && user.groups.includes(wanted);
    const field = fieldOf(user, name);
    return field.found ? field.value === wanted || (field.value === undefined && wanted === null) : wanted === null;
  });
}
