import type { AdminErrorCode } from '../../domain/admin/admin.errors.js';
import type { AppMeterErrorCode } from '../../domain/app-meter/app-meter.errors.js';
import type { ApiAuthErrorCode } from '../../domain/api-auth/api-auth.errors.js';
import type { CredentialErrorCode } from '../../domain/api-auth/credential.errors.js';
import type { BackendErrorCode } from '../../domain/backends/backend.errors.js';
import type { DomainError } from '../../domain/errors.js';
import type { FactorErrorCode } from '../../domain/factors/factors.errors.js';
import type { OidcErrorCode } from '../../domain/oidc/oidc.errors.js';
import type { OidcClientErrorCode } from '../../domain/oidc-client/oidc-client.errors.js';
import type { PasskeyErrorCode } from '../../domain/passkeys/passkey.errors.js';
import type { ReaderErrorCode } from '../../domain/reader/reader.errors.js';
import type { SsoClientErrorCode } from '../../domain/sso-client/sso-client.errors.js';
import type { InputErrorCode } from '../../domain/shared/input.errors.js';
import type { SsoErrorCode } from '../../domain/sso-provider/sso-provider.errors.js';
import type { UserErrorCode } from '../../domain/users/user.errors.js';

/** Every stable error code of the domain: a new code without a status below does not compile. */
export type KnownErrorCode =
  | ApiAuthErrorCode
  | CredentialErrorCode
  | SsoErrorCode
  | SsoClientErrorCode
  | UserErrorCode
  | BackendErrorCode
  | ReaderErrorCode
  | AdminErrorCode
  | InputErrorCode
  | OidcErrorCode
  | AppMeterErrorCode
  | OidcClientErrorCode
  | PasskeyErrorCode
  | FactorErrorCode;

/** HTTP status for each stable error code; the one place the domain's errors meet HTTP. */
const statusByCode = {
  'api_auth.parameter_missing': 403,
  'api_auth.entry_point_not_allowed': 403,
  'api_auth.signature_error': 403,
  'api_auth.timestamp_rift': 403,
  'api_auth.replayed_request': 403,
  'api_auth.key_disabled': 403,
  'api_auth.key_expired': 403,
  'api_auth.rate_limit_exceeded': 429,
  'credential.not_found': 404,
  'credential.unknown_entry_point': 400,
  'credential.unknown_user': 400,
  'credential.revoked': 409,
  'credential.invalid_grace': 400,
  'credential.invalid_rate_limit': 400,
  'credential.expiry_in_past': 400,
  'credential.unknown_cursor': 400,
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
  'sso_client.provider_unavailable': 502,
  'sso_client.provider_refused_app': 502,
  'sso_client.provider_answer_invalid': 502,
  'sso_client.login_refused': 403,
  'sso_client.foreign_callback': 403,
  'sso_client.callback_used': 403,
  'sso_client.callback_incomplete': 400,
  'oidc_client.provider_unavailable': 503,
  'oidc_client.issuer_invalid': 502,
  'oidc_client.provider_answer_invalid': 502,
  'oidc_client.login_refused': 403,
  'oidc_client.id_token_rejected': 403,
  'oidc_client.state_mismatch': 400,
  'oidc_client.callback_used': 400,
  'oidc_client.callback_incomplete': 400,
  'user.invalid_credentials': 401,
  'user.too_many_attempts': 429,
  'user.login_busy': 429,
  'backend.unavailable': 503,
  'reader.bad_input': 400,
  'reader.operator_not_allowed': 400,
  'reader.bad_query': 400,
  'reader.not_authenticated': 401,
  'reader.permission_disallowed': 403,
  'admin.invalid_input': 400,
  'admin.staff_only': 403,
  'admin.v2_required': 403,
  'admin.user_exists': 409,
  'admin.user_not_found': 404,
  'admin.user_not_bindable': 400,
  'admin.own_account': 409,
  'admin.not_held': 403,
  'admin.superuser_only': 403,
  'admin.key_user_not_staff': 403,
  'oidc.client_exists': 409,
  'oidc.client_not_found': 404,
  'oidc.invalid_client': 400,
  'app_meter.unknown_app': 404,
  'app_meter.invalid_app': 400,
  'input.malformed_json': 400,
  'input.forbidden_json_key': 400,
  'passkey.unavailable': 404,
  'passkey.expired': 400,
  'passkey.malformed': 400,
  'passkey.not_accepted': 401,
  'passkey.unknown': 401,
  'passkey.counter_regressed': 403,
  'passkey.already_registered': 409,
  'passkey.bad_name': 400,
  'passkey.not_found': 404,
  'passkey.login_required': 401,
  'passkey.too_many_challenges': 429,
  'factors.wrong_code': 401,
  'factors.step_expired': 400,
  'factors.not_found': 404,
  'factors.no_enrollment': 400,
  'factors.second_factor_required': 403,
  'account.password_too_short': 400,
  'account.passwords_differ': 400,
} as const satisfies Record<KnownErrorCode, number>;

/** The status of a domain error; a code the table does not know is a client error of the generic kind. */
export function statusFor(error: DomainError): number {
  return isKnownCode(error.code) ? statusByCode[error.code] : 400;
}

function isKnownCode(code: string): code is KnownErrorCode {
  return Object.hasOwn(statusByCode, code);
}
