import { DomainError } from '../errors.js';

export type CredentialErrorCode =
  | 'credential.not_found'
  | 'credential.unknown_entry_point'
  | 'credential.unknown_user'
  | 'credential.revoked'
  | 'credential.invalid_grace'
  | 'credential.invalid_rate_limit'
  | 'credential.expiry_in_past'
  | 'credential.unknown_cursor';

export class CredentialError extends DomainError<CredentialErrorCode> {
  override readonly name = 'CredentialError';
}

export const credentialErrors = {
  notFound: (apiKey: string) => new CredentialError('credential.not_found', `no API key ${apiKey}`),
  unknownEntryPoint: (name: string) =>
    new CredentialError(
      'credential.unknown_entry_point',
      `no entry point named "${name}" (run reload-entrypoints, and list them with key entrypoints)`,
    ),
  unknownUser: (username: string) => new CredentialError('credential.unknown_user', `no user named "${username}"`),
  revoked: (apiKey: string) => new CredentialError('credential.revoked', `API key ${apiKey} is revoked`),
  invalidGrace: () =>
    new CredentialError(
      'credential.invalid_grace',
      'the grace period must be a whole number of seconds from 60 (1 minute) to 86400 (24 hours)',
    ),
  invalidRateLimit: () =>
    new CredentialError(
      'credential.invalid_rate_limit',
      'the rate limit must be a whole number of requests a minute from 1 to 1000000',
    ),
  expiryInPast: () => new CredentialError('credential.expiry_in_past', 'the expiry date must be in the future'),
  unknownCursor: () =>
    new CredentialError('credential.unknown_cursor', 'cursor: is not the end of a page of this list (start again without it)'),
} as const;
