import { DomainError } from '../errors.js';

/** Stable codes of the OpenID side of the SSO client: why a login at an app could not start or finish. */
export type OidcClientErrorCode =
  | 'oidc_client.provider_unavailable'
  | 'oidc_client.issuer_invalid'
  | 'oidc_client.provider_answer_invalid'
  | 'oidc_client.login_refused'
  | 'oidc_client.id_token_rejected'
  | 'oidc_client.state_mismatch'
  | 'oidc_client.callback_used'
  | 'oidc_client.callback_incomplete';

export class OidcClientError extends DomainError<OidcClientErrorCode> {
  override readonly name = 'OidcClientError';
}

/** Longer reasons from a provider are cut: they are shown on a page. */
const MAX_REASON_LENGTH = 200;

/** Seconds a visitor is asked to wait when the provider is unreachable. */
const RETRY_AFTER_SECONDS = 5;

export const oidcClientErrors = {
  /** Unreachable, slower than the timeout, or a 5xx: the visitor may simply try again. */
  providerUnavailable: () =>
    new OidcClientError(
      'oidc_client.provider_unavailable',
      'The login service could not be reached or did not answer in time. Please try again in a moment.',
      { retryAfterSeconds: RETRY_AFTER_SECONDS },
    ),
  /** What answers at the issuer is not its OpenID provider: the app's settings are wrong, not the visitor. */
  issuerInvalid: (issuer: string, reason: string) =>
    new OidcClientError(
      'oidc_client.issuer_invalid',
      `No OpenID provider for the issuer ${issuer} answers at ${issuer}/.well-known/openid-configuration (${reason}): check the issuer URL.`,
    ),
  providerAnswerInvalid: () =>
    new OidcClientError('oidc_client.provider_answer_invalid', 'The login service gave an answer this app cannot read.'),
  /** The provider refused the login (the user said no, the code was refused); `reason` is its error code. */
  loginRefused: (reason: string) =>
    new OidcClientError(
      'oidc_client.login_refused',
      `The login service refused this sign-in (${reason.slice(0, MAX_REASON_LENGTH)}). Please log in again.`,
    ),
  /** The ID token failed a check: it was not issued for this login, this app or this provider. */
  idTokenRejected: (reason: string) =>
    new OidcClientError(
      'oidc_client.id_token_rejected',
      `The sign-in was refused: its ID token ${reason}. Please log in again from this app.`,
    ),
  stateMismatch: () =>
    new OidcClientError(
      'oidc_client.state_mismatch',
      'This sign-in was not started in this browser, or it has expired (its state matches no login under way here). Please log in again from this app.',
    ),
  callbackUsed: () =>
    new OidcClientError('oidc_client.callback_used', 'This sign-in link has been used already. Please log in again.'),
  callbackIncomplete: () =>
    new OidcClientError(
      'oidc_client.callback_incomplete',
      'This sign-in link is incomplete: it needs both state and code (or the error the login service answered).',
    ),
} as const;
