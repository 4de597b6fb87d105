import type { Router, RouterContext } from '@koa/router';
import type { ApiPrincipal } from '../../domain/api-auth/signed-request.js';

/** What Signet's middleware leaves on `ctx.state` for the handlers after it. */
export interface SignetState {
  /** Set by `apiAuth()` once a signed request is verified. */
  principal?: ApiPrincipal;
  /** The raw request body, once something has read it. */
  rawBody?: Buffer;
}

export type SignetContext = RouterContext<SignetState>;
export type SignetRouter = Router<SignetState>;
