import type { ApiAuthErrorCode } from '../../domain/api-auth/api-auth.errors.js';
import type { CredentialErrorCode } from '../../domain/api-auth/credential.errors.js';
import type { BackendErrorCode } from '../../domain/backends/backend.errors.js';
import type { DomainError } from '../../domain/errors.js';
import type { InputErrorCode } from '../../domain/shared/input.errors.js';
import type { SsoErrorCode } from '../../domain/sso-provider/sso-provider.errors.js';
import type { UserErrorCode } from '../../domain/users/user.errors.js';

/** Every stable error code of the domain: a new code without a status below does not compile. */
export type KnownErrorCode =
  ApiAuthErrorCode | CredentialErrorCode | SsoErrorCode | UserErrorCode | BackendErrorCode | InputErrorCode;

/** HTTP status for each stable error code; the one place the domain's errors meet HTTP. */
const statusByCode = {
  'api_auth.parameter_missing': 403,
  'api_auth.entry_point_not_allowed': 403,
  'api_auth.signature_error': 403,
  'api_auth.timestamp_rift': 403,
  'api_auth.replayed_request': 403,
  'credential.not_found': 404,
  'credential.unknown_entry_point': 400,
  'credential.unknown_user': 400,
  'credential.revoked': 409,
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
  'user.login_busy': 429,
  'backend.unavailable': 503,
  'input.malformed_json': 400,
  'input.forbidden_json_key': 400,
} as const satisfies Record<KnownErrorCode, number>;

/** The status of a domain error; a code the table does not know is a client error of the generic kind. */
export function statusFor(error: DomainError): number {
  return isKnownCode(error.code) ? statusByCode[error.code] : 400;
}

function isKnownCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(statusByCode, code);
}
