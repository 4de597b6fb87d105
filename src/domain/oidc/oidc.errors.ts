import { DomainError } from '../errors.js';

export type OidcErrorCode = 'oidc.client_exists' | 'oidc.client_not_found' | 'oidc.invalid_client';

export class OidcError extends DomainError<OidcErrorCode> {
  override readonly name = 'OidcError';
}

export const oidcErrors = {
  clientExists: (clientId: string) => new OidcError('oidc.client_exists', `an OpenID client "${clientId}" already exists`),
  clientNotFound: (clientId: string) => new OidcError('oidc.client_not_found', `no OpenID client "${clientId}"`),
  /** `problem` names the field and what it accepts. */
  invalidClient: (problem: string) => new OidcError('oidc.invalid_client', problem),
};
