import { isUsable, type ApiCredential } from '../api-auth/api-credential.js';
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
 * remote host`, as dj-sso-server said it.
 */
export function remoteHostFor(credential: ApiCredential | null, next: string, now: number): string {
  if (!credential || credential.ssoHost === null || !isUsable(credential, now) || !isAllowedNext(next, credential.ssoHost)) {
    throw ssoErrors.remoteHostDenied();
  }
  return credential.ssoHost;
}
