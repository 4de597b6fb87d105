import { DomainError } from '../errors.js';
import type { SignatureExplanation } from './signature-explanation.types.js';

/**
 * Stable codes of a refused signed request. The messages of the first five are dj-api-auth's, which
 * clients match on; the key's state and its rate limit are Signet's own.
 */
export const API_AUTH_ERROR_CODES = [
  'api_auth.parameter_missing',
  'api_auth.entry_point_not_allowed',
  'api_auth.signature_error',
  'api_auth.timestamp_rift',
  'api_auth.replayed_request',
  'api_auth.key_disabled',
  'api_auth.key_expired',
  'api_auth.rate_limit_exceeded',
] as const;

export type ApiAuthErrorCode = (typeof API_AUTH_ERROR_CODES)[number];

/** Each refusal as its message reads, without the numbers some carry: for the admin's counts. */
export const API_AUTH_REFUSAL_NAMES = {
  'api_auth.parameter_missing': 'parameter missing',
  'api_auth.entry_point_not_allowed': 'entry point not allowed for the API key',
  'api_auth.signature_error': 'signature error',
  'api_auth.timestamp_rift': 'timestamp rift',
  'api_auth.replayed_request': 'replayed request',
  'api_auth.key_disabled': 'API key disabled',
  'api_auth.key_expired': 'API key expired',
  'api_auth.rate_limit_exceeded': 'rate limit exceeded',
} as const satisfies Record<ApiAuthErrorCode, string>;

export class ApiAuthError extends DomainError<ApiAuthErrorCode> {
  override readonly name = 'ApiAuthError';

  constructor(
    code: ApiAuthErrorCode,
    message: string,
    details: Readonly<Record<string, string | number>> = {},
    /** With API_AUTH_DEBUG on, what the server signed: a `signature error` answer then carries it. */
    readonly explanation: SignatureExplanation | null = null,
  ) {
    super(code, message, details);
  }
}

export const apiAuthErrors = {
  parameterMissing: () => new ApiAuthError('api_auth.parameter_missing', 'parameter missing'),
  entryPointNotAllowed: () => new ApiAuthError('api_auth.entry_point_not_allowed', 'entry point not allowed for the API key'),
  signatureError: (explanation: SignatureExplanation | null = null) =>
    new ApiAuthError('api_auth.signature_error', 'signature error', {}, explanation),
  /** `rift` is the distance from now in whole seconds, or null when the timestamp is not a number. */
  timestampRift: (rift: number | null) =>
    new ApiAuthError('api_auth.timestamp_rift', `timestamp rift ${rift === null ? 'invalid' : rift}`),
  replayedRequest: () => new ApiAuthError('api_auth.replayed_request', 'replayed request'),
  keyDisabled: () => new ApiAuthError('api_auth.key_disabled', 'API key disabled'),
  keyExpired: () => new ApiAuthError('api_auth.key_expired', 'API key expired'),
  /** `retryAfterSeconds`: when the key's current window ends. */
  rateLimitExceeded: (retryAfterSeconds: number) =>
    new ApiAuthError('api_auth.rate_limit_exceeded', 'rate limit exceeded', { retryAfterSeconds }),
} as const;
