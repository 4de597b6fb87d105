import type { DomainError } from '../../domain/errors.js';

/** HTTP status for each stable error code; the one place the domain's errors meet HTTP. */
const statusByCode: Readonly<Record<string, number>> = {
  'api_auth.parameter_missing': 403,
  'api_auth.entry_point_not_allowed': 403,
  'api_auth.signature_error': 403,
  'api_auth.timestamp_rift': 403,
  'api_auth.replayed_request': 403,
  'credential.not_found': 404,
  'credential.unknown_entry_point': 400,
  'credential.unknown_user': 400,
  'credential.revoked': 409,
  'http.body_too_large': 413,
  'http.not_found': 404,
  'http.bad_request': 400,
  'http.csrf_failed': 403,
  'sso.parameter_missing': 403,
  'sso.invalid_request_token': 403,
  'sso.remote_host_denied': 403,
  'sso.request_token_not_found': 403,
  'sso.request_token_error': 403,
  'sso.auth_token_error': 403,
  'sso.user_unavailable': 403,
  'sso.invalid_host': 400,
  'sso.host_taken': 409,
  'sso.host_not_found': 404,
  'user.invalid_credentials': 401,
  'user.too_many_attempts': 429,
};

/** Codes not in the table are client errors of the generic kind. */
export function statusFor(error: DomainError): number {
  return statusByCode[error.code] ?? 400;
}
