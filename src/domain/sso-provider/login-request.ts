import { apiAuthErrors } from '../api-auth/api-auth.errors.js';
import { isUsable, type ApiCredential } from '../api-auth/api-credential.js';
import { isExpired } from '../api-auth/key-lifecycle.js';
import { isAllowedNext } from './next-url.js';
import { ssoErrors } from './sso-provider.errors.js';

/** The parameters a client app sends the browser to the login page with, as received. */
export interface LoginRequest {
  apiKey: string | undefined;
  requestToken: string | undefined;
  next: string | undefined;
}

/** A login request with every parameter present. */
export interface CompleteLoginRequest {
  readonly apiKey: string;
  readonly requestToken: string;
  readonly next: string;
}

/** The request with its parameters, or `parameter missing`. */
export function requireLoginParameters(request: LoginRequest): CompleteLoginRequest {
  const { apiKey, requestToken, next } = request;
  if (!apiKey || !requestToken || !next) throw ssoErrors.parameterMissing();
  return { apiKey, requestToken, next };
}

/**
 * The host (`host[:port]`) the browser will go back to: the one bound to the request's API key, when
 * the key is a usable SSO key and `next` lies on exactly that host. Otherwise `request deny for
 * remote host`, as dj-sso-server said it; `API key disabled` or `API key expired` for the key of an
 * app that is disabled or expired.
 */
export function remoteHostFor(credential: ApiCredential | null, next: string, now: number): string {
  if (!credential || credential.ssoHost === null || !isUsable(credential, now)) throw ssoErrors.remoteHostDenied();
  // A disabled or expired app gets no login form, as its signed calls get no answer.
  if (credential.disabled) throw apiAuthErrors.keyDisabled();
  if (isExpired(credential, now)) throw apiAuthErrors.keyExpired();
  if (!isAllowedNext(next, credential.ssoHost)) throw ssoErrors.remoteHostDenied();
  return credential.ssoHost;
}
