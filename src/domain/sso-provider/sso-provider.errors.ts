import { DomainError } from '../errors.js';

/**
 * Stable codes of the SSO provider. The messages of the handshake are dj-sso-server's, which
 * dj-sso-client shows or matches on; the rest are Signet's own.
 */
export type SsoErrorCode =
  | 'sso.parameter_missing'
  | 'sso.invalid_request_token'
  | 'sso.remote_host_denied'
  | 'sso.request_token_not_found'
  | 'sso.request_token_error'
  | 'sso.auth_token_error'
  | 'sso.user_unavailable'
  | 'sso.invalid_host'
  | 'sso.host_taken'
  | 'sso.host_not_found';

export class SsoError extends DomainError<SsoErrorCode> {
  override readonly name = 'SsoError';
}

export const ssoErrors = {
  parameterMissing: () => new SsoError('sso.parameter_missing', 'parameter missing'),
  /** Unknown, expired, already used, or issued to another API key: the caller is not told which. */
  invalidRequestToken: () => new SsoError('sso.invalid_request_token', 'invalid request token'),
  remoteHostDenied: () => new SsoError('sso.remote_host_denied', 'request deny for remote host'),
  requestTokenNotFound: () => new SsoError('sso.request_token_not_found', 'request token not found'),
  /** The request token is known but nobody has logged in with it yet. */
  requestTokenError: () => new SsoError('sso.request_token_error', 'request token error'),
  authTokenError: () => new SsoError('sso.auth_token_error', 'auth token error'),
  userUnavailable: () => new SsoError('sso.user_unavailable', 'this account cannot log in'),
  invalidHost: (host: string) =>
    new SsoError('sso.invalid_host', `"${host}" is not a host name with an optional port, such as localhost:8000`),
  hostTaken: (host: string) => new SsoError('sso.host_taken', `host ${host} already has an SSO key`),
  hostNotFound: (host: string) => new SsoError('sso.host_not_found', `no SSO key for host ${host}`),
} as const;
