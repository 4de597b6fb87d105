import { DomainError } from '../errors.js';

export type CredentialErrorCode =
  'credential.not_found' | 'credential.unknown_entry_point' | 'credential.unknown_user' | 'credential.revoked';

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
} as const;
