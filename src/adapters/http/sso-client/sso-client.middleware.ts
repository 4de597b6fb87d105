import Tokens from 'csrf';
import type { Context, Middleware, Next, ParameterizedContext } from 'koa';
import type { CurrentUser, GetCurrentUser } from '../../../application/sso-client/get-current-user.js';
import { BackendUnavailableError } from '../../../domain/backends/backend.errors.js';
import type { Clock } from '../../../domain/shared/clock.port.js';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { answeringFailures } from '../failure.js';
import { httpErrors } from '../http-errors.js';
import { ClientPages } from './client-pages.js';
import { postedField } from './form-field.js';
import { LoginAttemptsCookie } from './login-attempts-cookie.js';
import type { LoginFlow } from './login-flow.js';
import { SignedCookie } from './signed-cookie.js';
import { ssoClientRoutes, type BrowserSession } from './sso-client.routes.js';
import type { SsoHelpers, SsoState } from './sso-state.js';

export interface SsoClientHttpDeps {
  config: {
    appUrl: string | undefined;
    paths: { login: string; callback: string; logout: string };
    cookieName: string;
  };
  /** What the app's cookies are signed with: see cookieKey(). */
  cookieKey: Buffer;
  clock: Clock;
  logger: Logger;
  loginFlow: LoginFlow;
  getCurrentUser: GetCurrentUser;
}

/** The SSO client's Koa middleware. */
export interface SsoClientHttp {
  /** `ctx.state.user` and `ctx.state.sso` on every request, and the login, callback and logout routes. */
  middleware(): Middleware<SsoState>;
  /** Lets logged-in users through; sends a visitor's GET to the login route, coming back here. */
  requireLogin(): Middleware<SsoState>;
}

/** What the middleware found for a request: the browser's session, or why it could not look. */
interface FoundSession extends BrowserSession {
  readonly current: CurrentUser | null;
  /** Set when the cache or the store did not answer: the visitor is then taken as logged out. */
  readonly unavailable: BackendUnavailableError | null;
}

export function createSsoClientHttp(deps: SsoClientHttpDeps): SsoClientHttp {
  const { config, logger } = deps;
  const key = deps.cookieKey;
  const sessionCookie = new SignedCookie(`${config.cookieName}_session`, key);
  const attemptsCookie = new LoginAttemptsCookie(new SignedCookie(`${config.cookieName}_login`, key));
  const pages = new ClientPages();
  const tokens = new Tokens();
  const found = new WeakMap<Context, FoundSession>();
  const loginUrl = (next: string): string => `${config.paths.login}?${new URLSearchParams({ next }).toString()}`;

  const routes = ssoClientRoutes({
    config,
    clock: deps.clock,
    loginFlow: deps.loginFlow,
    sessionCookie,
    attemptsCookie,
    checkLogoutToken: async (ctx, session) => {
      const token = ctx.get('X-CSRF-Token') || (await postedField(ctx, '_csrf'));
      if (!token || !tokens.verify(session.csrfSecret, token)) throw httpErrors.csrfFailed();
    },
  });

  /** A visitor without a cookie costs nothing; a cookie that names no live session is cleared. */
  async function findSession(ctx: Context): Promise<FoundSession> {
    const id = sessionCookie.read(ctx);
    if (id === null) return { id: null, session: null, current: null, unavailable: null };
    try {
      const current = await deps.getCurrentUser.execute(id);
      if (!current) sessionCookie.write(ctx, null);
      return { id, session: current?.session ?? null, current, unavailable: null };
    } catch (error) {
      // The backend guard has logged the loss once; the app's public pages keep working meanwhile.
      if (!(error instanceof BackendUnavailableError)) throw error;
      return { id, session: null, current: null, unavailable: error };
    }
  }

  function helpers(ctx: Context, browser: FoundSession): SsoHelpers {
    return {
      loginUrl: (next = ctx.originalUrl) => loginUrl(next),
      logoutPath: config.paths.logout,
      csrfToken: () => (browser.session ? tokens.create(browser.session.csrfSecret) : null),
    };
  }

  /** Answers a route's refusal with a page saying why; anything else is a bug, logged and answered 500. */
  function answering(ctx: Context, run: () => Promise<void>): Promise<void> {
    const retry = ctx.path === config.paths.logout ? null : loginUrl('/');
    return answeringFailures(ctx, run, logger, {
      refuse: (failure) => pages.render(ctx, failure.status, failure.message, retry),
      fail: () => pages.render(ctx, 500, 'Something went wrong on our side. Please try again later.', null),
    });
  }

  return {
    middleware() {
      return async function ssoClientMiddleware(ctx: ParameterizedContext<SsoState>, next: Next) {
        const browser = await findSession(ctx);
        found.set(ctx, browser);
        ctx.state.user = browser.current?.user ?? null;
        ctx.state.sso = helpers(ctx, browser);
        const route = routes.get(ctx.path);
        if (!route) {
          await next();
          return;
        }
        const handler = route.get(ctx.method);
        if (!handler) {
          ctx.set('Allow', [...route.keys()].join(', '));
          pages.render(ctx, 405, `${ctx.method} is not allowed here.`, null);
          return;
        }
        await answering(ctx, () => handler(ctx, browser));
      };
    },

    requireLogin() {
      return async function requireLoginMiddleware(ctx: ParameterizedContext<SsoState>, next: Next) {
        const browser = found.get(ctx);
        if (!browser)
          throw new Error('requireLogin() needs the SSO client middleware mounted before it: app.use(sso.middleware())');
        if (browser.current) {
          await next();
          return;
        }
        if (browser.unavailable) {
          ctx.set('Retry-After', String(browser.unavailable.details.retryAfterSeconds ?? 5));
          pages.render(ctx, 503, 'Sign-in is unavailable for a moment. Please try again shortly.', null);
          return;
        }
        if (ctx.method === 'GET' || ctx.method === 'HEAD') {
          ctx.redirect(loginUrl(ctx.originalUrl));
          return;
        }
        pages.render(ctx, 401, 'Please log in to do this.', loginUrl('/'));
      };
    },
  };
}
