import { matchesUserFilter, type UserFilterValue } from '../../domain/admin/staff.js';
import type { User } from '../../domain/users/user.js';

/** What the admin shows of a user: never the password hash. Times are ms since the epoch. */
export interface UserSummary {
  username: string;
  email: string;
  firstName: string;
  lastName: string;
  isStaff: boolean;
  isSuperuser: boolean;
  isActive: boolean;
  groups: readonly string[];
  dateJoined: number;
  lastLogin: number | null;
  /** Whether API_AUTH_ADMIN_USER_FILTER lets keys be bound to this user. */
  bindable: boolean;
}

export function summarizeUser(user: User, filter: Readonly<Record<string, UserFilterValue>>): UserSummary {
  return {
    username: user.username,
    email: user.email,
    firstName: user.firstName,
    lastName: user.lastName,
    isStaff: user.isStaff,
    isSuperuser: user.isSuperuser,
    isActive: user.isActive,
    groups: [...user.groups],
    dateJoined: user.dateJoined,
    lastLogin: user.lastLogin,
    bindable: matchesUserFilter(user, filter),
  };
}
