import type { LoginAttempt } from '../../../domain/sso-client/login-attempt.js';

/** "Log in" at the app: where the visitor wants to go, where the provider sends it back, what it holds already. */
export interface LoginStart {
  next: string | undefined;
  /** The app's callback, absolute. */
  callbackUrl: string;
  attempts: readonly LoginAttempt[];
}

/** The browser back at the app's callback, with the provider's query. */
export interface LoginCallback {
  /** The app's callback, absolute, as the login gave it. */
  callbackUrl: string;
  query: URLSearchParams;
  attempts: readonly LoginAttempt[];
  /** The browser's current session at the app, if any: it is ended, and a new one started. */
  currentSessionId: string | null;
}

/**
 * One protocol's way through the SSO client's three routes: the dj-sso handshake or OpenID Connect.
 * The routes, the cookies, `ctx.state.user` and requireLogin() are the same for both.
 */
export interface LoginFlow {
  /** Reads what the protocol needs before serving (OpenID discovery); see ssoClient(). */
  prepare(): Promise<void>;
  /** The provider's page for the browser to go to, and the attempts it holds from now on. */
  start(request: LoginStart): Promise<{ location: string; attempts: LoginAttempt[] }>;
  /** The new session's id, the local path to go to, and the attempts left. */
  complete(callback: LoginCallback): Promise<{ sessionId: string; next: string; attempts: LoginAttempt[] }>;
  /** Ends the app's session (`appUrl` is the app's address); where the browser goes next. */
  logOut(sessionId: string | null, appUrl: string): Promise<string>;
}
