import type { Router, RouterContext } from '@koa/router';
import type { ApiPrincipal } from '../../domain/api-auth/signed-request.js';
import type { SessionControl } from './session-control.js';

/** What Signet's middleware leaves on `ctx.state` for the handlers after it. */
export interface SignetState {
  /** Set by `apiAuth()` once a signed request is verified. */
  principal?: ApiPrincipal;
  /** The raw request body, once something has read it. */
  rawBody?: Buffer;
  /** The browser's session with the provider, on routes that `session()` runs on. */
  session?: SessionControl;
  /** The fields of a urlencoded form body, once `formBody()` has read it (empty for other bodies). */
  form?: URLSearchParams;
  /** A CSRF token for the forms of this response, on routes that `csrf()` runs on; may start a session. */
  csrfToken?: () => Promise<string>;
}

export type SignetContext = RouterContext<SignetState>;
export type SignetRouter = Router<SignetState>;
