import { DomainError } from '../errors.js';

export type UserErrorCode = 'user.invalid_credentials' | 'user.too_many_attempts' | 'user.login_busy';

export class UserError extends DomainError<UserErrorCode> {
  override readonly name = 'UserError';
}

export const userErrors = {
  /** Wrong password, unknown user and inactive user read the same, so that none can be told apart. */
  invalidCredentials: () =>
    new UserError(
      'user.invalid_credentials',
      'Please enter a correct username and password. Note that both fields are case-sensitive.',
    ),
  /** `retryAfterSeconds`: when the window that refuses further tries ends. */
  tooManyAttempts: (retryAfterSeconds: number) =>
    new UserError('user.too_many_attempts', `Too many failed logins. Try again in ${describeWait(retryAfterSeconds)}.`, {
      retryAfterSeconds,
    }),
  /** Another login for the same username is being checked, or too many are waiting: refused at once, not queued. */
  loginBusy: () => new UserError('user.login_busy', 'Too many logins at once. Try again in a moment.', { retryAfterSeconds: 1 }),
} as const;

function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? '1 second' : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? '1 minute' : `${minutes} minutes`;
}
