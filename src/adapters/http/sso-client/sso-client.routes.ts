import type { Context } from 'koa';
import type { CompleteSsoLogin } from '../../../application/sso-client/complete-sso-login.js';
import type { LogOut } from '../../../application/sso-client/log-out.js';
import type { StartSsoLogin } from '../../../application/sso-client/start-sso-login.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { Session } from '../../../domain/sessions/session.js';
import type { LoginAttemptsCookie } from './login-attempts-cookie.js';
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
  startSsoLogin: StartSsoLogin;
  completeSsoLogin: CompleteSsoLogin;
  logOut: LogOut;
  sessionCookie: SignedCookie;
  attemptsCookie: LoginAttemptsCookie;
  /** Checks the logout form's CSRF token against the session; throws the refusal when it is wrong. */
  checkLogoutToken: (ctx: Context, session: Session) => Promise<void>;
}

export type RouteHandler = (ctx: Context, browser: BrowserSession) => Promise<void>;

/** The SSO client's three routes, by path and then by method. */
export function ssoClientRoutes(deps: SsoClientRoutesDeps): ReadonlyMap<string, ReadonlyMap<string, RouteHandler>> {
  const { config, clock, sessionCookie, attemptsCookie } = deps;

  /** `GET /accounts/login/?next=/path`: a request token from the provider, then its login page. */
  const logIn: RouteHandler = async (ctx) => {
    const started = await deps.startSsoLogin.execute({
      next: queryValue(ctx, 'next'),
      // Koa 3's ctx.origin is the Origin header; the app's own origin is the protocol and Host.
      callbackUrl: `${config.appUrl ?? `${ctx.protocol}://${ctx.host}`}${config.paths.callback}`,
      attempts: attemptsCookie.read(ctx, clock.now()),
    });
    attemptsCookie.write(ctx, started.attempts);
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(started.location);
  };

  /** `GET /accounts/sso/callback/?request_token=..&auth_token=..`: back from the provider. */
  const callback: RouteHandler = async (ctx, browser) => {
    // The URL carries the tokens: no page it leads to may learn it.
    ctx.set('Referrer-Policy', 'no-referrer');
    const done = await deps.completeSsoLogin.execute({
      requestToken: queryValue(ctx, 'request_token'),
      authToken: queryValue(ctx, 'auth_token'),
      attempts: attemptsCookie.read(ctx, clock.now()),
      currentSessionId: browser.id,
    });
    sessionCookie.write(ctx, done.sessionId);
    attemptsCookie.write(ctx, done.attempts);
    ctx.set('Cache-Control', 'no-store');
    ctx.redirect(done.next);
  };

  /** `POST /accounts/logout/` with the form's `_csrf`: ends the local session only. */
  const logOut: RouteHandler = async (ctx, browser) => {
    if (browser.session) await deps.checkLogoutToken(ctx, browser.session);
    await deps.logOut.execute(browser.id);
    sessionCookie.write(ctx, null);
    ctx.status = 303;
    ctx.redirect('/');
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
