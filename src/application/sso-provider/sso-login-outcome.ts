import type { CompleteLoginRequest } from '../../domain/sso-provider/login-request.js';
import { tokenDigest } from '../../domain/sso-provider/sso-token.js';
import type { SecondStepStart } from '../factors/begin-second-step.js';

/** Where the SSO login page sends the browser, or the second step it must pass first. */
export type SsoLoginOutcome =
  | { kind: 'bound'; location: string }
  | { kind: 'second-step'; started: Extract<SecondStepStart, { kind: 'pending' }> };

/** A half-login begun on the SSO page finishes only this request token's login, for this app's key. */
export function ssoLoginPurpose(request: Pick<CompleteLoginRequest, 'apiKey' | 'requestToken'>): string {
  return `sso:${request.apiKey}:${tokenDigest(request.requestToken)}`;
}
