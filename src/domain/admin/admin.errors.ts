import { DomainError } from '../errors.js';

export type AdminErrorCode =
  | 'admin.invalid_input'
  | 'admin.staff_only'
  | 'admin.v2_required'
  | 'admin.user_exists'
  | 'admin.user_not_found'
  | 'admin.user_not_bindable'
  | 'admin.own_account'
  | 'admin.not_held'
  | 'admin.superuser_only'
  | 'admin.key_user_not_staff';

export class AdminError extends DomainError<AdminErrorCode> {
  override readonly name = 'AdminError';
}

export const adminErrors = {
  /** `problem` names the field and what it accepts, such as `rateLimitPerMinute: must be a whole number`. */
  invalidInput: (problem: string) => new AdminError('admin.invalid_input', problem),
  staffOnly: () => new AdminError('admin.staff_only', 'This page is for staff users only.'),
  v2Required: () =>
    new AdminError('admin.v2_required', 'the admin API takes protocol v2 only (it signs the method and refuses replays)'),
  userExists: (username: string) => new AdminError('admin.user_exists', `a user named "${username}" already exists`),
  userNotFound: (username: string) => new AdminError('admin.user_not_found', `no user named "${username}"`),
  userNotBindable: (username: string) =>
    new AdminError('admin.user_not_bindable', `user "${username}" cannot be bound to API keys (API_AUTH_ADMIN_USER_FILTER)`),
  ownAccount: () =>
    new AdminError(
      'admin.own_account',
      'you cannot take away your own staff flag or deactivate yourself: ask another staff user',
    ),
  /** Nobody grants what they do not hold: `entryPoint` is the first one the caller lacks. */
  notHeld: (entryPoint: string) =>
    new AdminError(
      'admin.not_held',
      `you do not hold the entry point "${entryPoint}": nobody grants what they do not hold, nor manages a key that holds more than they do`,
    ),
  /** `what` completes "only a superuser may ...". */
  superuserOnly: (what: string) => new AdminError('admin.superuser_only', `only a superuser may ${what}`),
  keyUserNotStaff: () =>
    new AdminError('admin.key_user_not_staff', 'the admin API is for staff: the user this API key is bound to is not staff'),
} as const;
