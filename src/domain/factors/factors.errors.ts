import { DomainError } from '../errors.js';

export type FactorErrorCode =
  | 'factors.wrong_code'
  | 'factors.step_expired'
  | 'factors.not_found'
  | 'factors.no_enrollment'
  | 'factors.second_factor_required'
  | 'account.password_too_short'
  | 'account.passwords_differ';

export class FactorError extends DomainError<FactorErrorCode> {
  override readonly name = 'FactorError';
}

export const factorErrors = {
  /** A one-time or recovery code that does not match, or was used already: the two read the same. */
  wrongCode: () => new FactorError('factors.wrong_code', 'That code is not right, or was used already. Try the next one.'),
  /** The half-finished login is gone: expired, used, or never this browser's. */
  stepExpired: () =>
    new FactorError('factors.step_expired', 'This login has expired or was already finished. Please log in again.'),
  notFound: () => new FactorError('factors.not_found', 'There is no such second factor.'),
  /** A confirmation with no enrolment begun (or one that expired). */
  noEnrollment: () => new FactorError('factors.no_enrollment', 'The enrolment has expired. Start again to get a new QR code.'),
  /** MFA_REQUIRED covers the user, and this session's login passed no second factor. */
  secondFactorRequired: () =>
    new FactorError(
      'factors.second_factor_required',
      'This page needs a login with a second factor (MFA_REQUIRED). Log in again to set one up or use it.',
    ),
  passwordTooShort: (minimum: number) =>
    new FactorError('account.password_too_short', `The new password must have ${minimum} characters or more.`),
  passwordsDiffer: () => new FactorError('account.passwords_differ', 'The two new passwords are not the same.'),
} as const;
