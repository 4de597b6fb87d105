import { DomainError } from '../errors.js';

export type PasskeyErrorCode =
  | 'passkey.unavailable'
  | 'passkey.expired'
  | 'passkey.malformed'
  | 'passkey.not_accepted'
  | 'passkey.unknown'
  | 'passkey.counter_regressed'
  | 'passkey.already_registered'
  | 'passkey.bad_name'
  | 'passkey.not_found'
  | 'passkey.login_required'
  | 'passkey.too_many_challenges';

export class PasskeyError extends DomainError<PasskeyErrorCode> {
  override readonly name = 'PasskeyError';
}

export const passkeyErrors = {
  /** PUBLIC_URL gives no relying party, or PASSKEYS=false. */
  unavailable: () => new PasskeyError('passkey.unavailable', 'Passkeys are not available on this site.'),
  /** No challenge pending for this browser: it expired, was answered already, or another browser asked for it. */
  expired: () => new PasskeyError('passkey.expired', 'This passkey request has expired or was already used. Please try again.'),
  malformed: () => new PasskeyError('passkey.malformed', 'The browser sent no passkey, or not one that can be read.'),
  /** Wrong origin or relying party, a bad signature, no user presence, an inactive user: told apart only in the log. */
  notAccepted: () => new PasskeyError('passkey.not_accepted', 'This passkey was not accepted. Please try again.'),
  unknown: () => new PasskeyError('passkey.unknown', 'This passkey is not registered with Signet.'),
  counterRegressed: () =>
    new PasskeyError(
      'passkey.counter_regressed',
      'This passkey was refused: its signature counter went backwards, as happens when a key is copied. Please tell your administrator.',
    ),
  alreadyRegistered: () => new PasskeyError('passkey.already_registered', 'This passkey is registered already.'),
  badName: () => new PasskeyError('passkey.bad_name', 'A passkey name is one line of 1 to 64 characters.'),
  notFound: () => new PasskeyError('passkey.not_found', 'You have no such passkey.'),
  /** `retryAfterSeconds`: when the address's window ends. */
  tooManyChallenges: (retryAfterSeconds: number) =>
    new PasskeyError('passkey.too_many_challenges', 'Too many passkey requests from this address. Please try again later.', {
      retryAfterSeconds,
    }),
  loginRequired: () => new PasskeyError('passkey.login_required', 'Please log in to manage your passkeys.'),
} as const;
