import { DomainError } from '../errors.js';

/** Stable codes of the SSO client: why a login at an app could not start or finish. */
export type SsoClientErrorCode =
  | 'sso_client.provider_unavailable'
  | 'sso_client.provider_refused_app'
  | 'sso_client.provider_answer_invalid'
  | 'sso_client.login_refused'
  | 'sso_client.foreign_callback'
  | 'sso_client.callback_used'
  | 'sso_client.callback_incomplete';

export class SsoClientError extends DomainError<SsoClientErrorCode> {
  override readonly name = 'SsoClientError';
}

/** Longer reasons from a provider are cut: they are shown on a page. */
const MAX_REASON_LENGTH = 200;

export const ssoClientErrors = {
  /** Unreachable, slower than the timeout, or a 5xx: the visitor may simply try again. */
  providerUnavailable: () =>
    new SsoClientError(
      'sso_client.provider_unavailable',
      'The login service could not be reached or did not answer in time. Please try again in a moment.',
    ),
  /** The provider refused the app's own signed call: the app's SSO settings are wrong, not the visitor. */
  providerRefusedApp: () =>
    new SsoClientError(
      'sso_client.provider_refused_app',
      'The login service refused to serve this app: the single sign-on settings of the app need attention.',
    ),
  providerAnswerInvalid: () =>
    new SsoClientError('sso_client.provider_answer_invalid', 'The login service gave an answer this app cannot read.'),
  /** The provider would not hand over the user for this pair of tokens; `reason` is its own words. */
  loginRefused: (reason: string) =>
    new SsoClientError(
      'sso_client.login_refused',
      `The login service refused this sign-in (${reason.slice(0, MAX_REASON_LENGTH)}). Please log in again.`,
    ),
  foreignCallback: () =>
    new SsoClientError(
      'sso_client.foreign_callback',
      'This sign-in was not started in this browser, or it has expired. Please log in again from this app.',
    ),
  callbackUsed: () =>
    new SsoClientError('sso_client.callback_used', 'This sign-in link has been used already. Please log in again.'),
  callbackIncomplete: () =>
    new SsoClientError(
      'sso_client.callback_incomplete',
      'This sign-in link is incomplete: it needs both request_token and auth_token.',
    ),
} as const;
