/**
 * An SSO app's way to its provider, in dj-sso-server's wire protocol: signed API calls for the
 * tokens, and the URL of the provider's login page for the browser.
 *
 * Failures are SsoClientErrors: `provider_unavailable` when the provider cannot be reached, answers
 * after the timeout or answers 5xx; `provider_answer_invalid` for an answer that is not what the
 * protocol says; the others as each method says.
 */
export interface SsoProviderGateway {
  /**
   * Step 1: a fresh request token for this app. A refusal of the app's own signed call (a 4xx) is
   * `provider_refused_app`: the app's key pair or URL is wrong.
   */
  requestToken(): Promise<string>;

  /** Step 2: where to send the browser to log in for `requestToken`; the provider sends it back to `callbackUrl`. */
  loginPageUrl(requestToken: string, callbackUrl: string): string;

  /**
   * Step 4: the user the provider hands over for the pair, as it sent it (a JSON value, unchecked).
   * A refusal (a 4xx: unknown, used or expired tokens, a wrong auth token) is `login_refused` with
   * the provider's reason.
   */
  redeem(requestToken: string, authToken: string): Promise<unknown>;
}
