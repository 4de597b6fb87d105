import { DomainError } from '../errors.js';

/** Stable codes of a refused signed request; the messages are dj-api-auth's, which clients match on. */
export type ApiAuthErrorCode =
  | 'api_auth.parameter_missing'
  | 'api_auth.entry_point_not_allowed'
  | 'api_auth.signature_error'
  | 'api_auth.timestamp_rift'
  | 'api_auth.replayed_request';

export class ApiAuthError extends DomainError<ApiAuthErrorCode> {
  override readonly name = 'ApiAuthError';
}

export const apiAuthErrors = {
  parameterMissing: () => new ApiAuthError('api_auth.parameter_missing', 'parameter missing'),
  entryPointNotAllowed: () => new ApiAuthError('api_auth.entry_point_not_allowed', 'entry point not allowed for the API key'),
  signatureError: () => new ApiAuthError('api_auth.signature_error', 'signature error'),
  /** `rift` is the distance from now in whole seconds, or null when the timestamp is not a number. */
  timestampRift: (rift: number | null) =>
    new ApiAuthError('api_auth.timestamp_rift', `timestamp rift ${rift === null ? 'invalid' : rift}`),
  replayedRequest: () => new ApiAuthError('api_auth.replayed_request', 'replayed request'),
} as const;
