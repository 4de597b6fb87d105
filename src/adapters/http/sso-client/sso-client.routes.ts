import type { Context } from 'koa';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { LoginAttemptsCookie } from './login-attempts-cookie.js';
import type { LoginFlow } from './login-flow.js';
import type { SignedCookie } from './signed-cookie.js';

/** What a route knows of the browser's session at the app, as the middleware found it. */
export interface BrowserSession {
  /** The id the browser's cookie holds, if any. */
  readonly id: string | null;
  /** The live session it names; null for a visitor. */
  readonly session: Session | null;
}

export interface SsoClientRoutesDeps {
  config: { appUrl: string | undefined; paths: { login: string; callback: string; logout: string } };
  clock: Clock;
  /** The protocol's way through the routes: the dj-sso handshake or OpenID Connect. */
  loginFlow: LoginFlow;
  sessionCookie: SignedCookie;
  attemptsCookie: LoginAttemptsCookie;
  /** Checks the logout form's CSRF token against the session; throws the refusal when it is wrong. */
  checkLogoutToken: (ctx: Context, session: Session) => Promise<void>;
}

export type RouteHandler = (ctx: Context, browser: BrowserSession) => Promise<void>;

/** The SSO client's three routes, by path and then by method. */
export function ssoClientRoutes(deps: SsoClientRoutesDeps): ReadonlyMap<string, ReadonlyMap<string, RouteHandler>> {
  const { config, clock, sessionCookie, attemptsCookie, loginFlow } = deps;
  // Koa 3's ctx.origin is the Origin header; the app's own origin is the protocol and Host.
  const appUrl = (ctx: Context): string => config.appUrl ?? `${ctx.protocol}://${ctx.host}`;
  const callbackUrl = (ctx: Context): string => `${appUrl(ctx)}${config.paths.callback}`;

  /** `GET /accounts/login/?next=/path`: the provider's login (for dj-sso, after a request token). */
  const logIn: RouteHandler = async (ctx) => {
    const started = await loginFlow.start({
      next: queryValue(ctx, 'next'),
      callbackUrl: callbackUrl(ctx),
      attempts: attemptsCookie.read(ctx, clock.now()),
    });
    attemptsCookie.write(ctx, started.attempts);
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(started.location);
  };

  /** `GET /accounts/sso/callback/?request_token=..&auth_token=..` (OpenID: `?code=..&state=..`): back from the provider. */
  const callback: RouteHandler = async (ctx, browser) => {
    // The URL carries the tokens: no page it leads to may learn it.
    ctx.set('Referrer-Policy', 'no-referrer');
    const done = await loginFlow.complete({
      callbackUrl: callbackUrl(ctx),
      query: new URLSearchParams(ctx.querystring),
      attempts: attemptsCookie.read(ctx, clock.now()),
      currentSessionId: browser.id,
    });
    sessionCookie.write(ctx, done.sessionId);
    attemptsCookie.write(ctx, done.attempts);
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(done.next);
  };

  /**
   * `POST /accounts/logout/` with the form's `_csrf`: ends the local session, and then goes home
   * (dj-sso) or to the provider's logout (OpenID Connect), which comes back home.
   */
  const logOut: RouteHandler = async (ctx, browser) => {
    if (browser.session) await deps.checkLogoutToken(ctx, browser.session);
    const location = await loginFlow.logOut(browser.id, appUrl(ctx));
    sessionCookie.write(ctx, null);
    ctx.status = 303;
    ctx.redirect(location);
  };

  return new Map([
    [config.paths.login, methods({ GET: logIn })],
    [config.paths.callback, methods({ GET: callback })],
    [config.paths.logout, methods({ POST: logOut })],
  ]);
}

/**
 * Exactly these methods: not even HEAD for a GET, since asking the provider for a token or using a
 * callback is not something a link checker's HEAD should do.
 */
function methods(handlers: { GET?: RouteHandler; POST?: RouteHandler }): ReadonlyMap<string, RouteHandler> {
  return new Map<string, RouteHandler>(Object.entries(handlers));
}

/** The first value of a query parameter; undefined when absent. */
function queryValue(ctx: Context, name: string): string | undefined {
  const value = ctx.query[name];
  return Array.isArray(value) ? value[0] : value;
}
