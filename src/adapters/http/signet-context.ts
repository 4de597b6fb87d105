import type { Router, RouterContext } from '@koa/router';
import type { ApiPrincipal } from '../../domain/api-auth/signed-request.js';
import type { SessionControl } from './session-control.js';

/**
 * Nothing is on `ctx.state` for every route: each group of routes names what its middleware leaves
 * there (ApiState, PageState), through the route's type parameter, so handlers read it unchecked.
 */
export type BaseState = object;

export type SignetRouter = Router<BaseState>;

/** What `apiAuth()` leaves for the handler of a signed route. */
export interface ApiState {
  principal: ApiPrincipal;
}

/** What the page middleware (views, errors, session, form, CSRF) leaves for a page's handler. */
export interface PageState {
  /** The browser's logged-in session with the provider, if any. */
  session: SessionControl;
  /** The fields of a urlencoded form body (empty for other bodies and for GET). */
  form: URLSearchParams;
  /** A CSRF token for a form of this response. */
  csrfToken: () => string;
}

export type ApiContext = RouterContext<ApiState>;
export type PageContext = RouterContext<PageState>;
