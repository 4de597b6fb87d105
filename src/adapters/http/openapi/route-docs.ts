import type { RouterMiddleware } from '@koa/router';
import type { z } from 'zod';

/** Marks the middleware that carries a route's documentation, so that `/openapi.json` can find it. */
export const ROUTE_DOCS = Symbol.for('signet.routeDocs');

/** What `/openapi.json` says of one route, from the zod schemas the route is checked with. */
export interface RouteDocs {
  readonly summary: string;
  readonly description?: string;
  readonly tags?: readonly string[];
  /**
   * Everything the request carries, as one object schema: the path parameters (by their names in the
   * route's pattern), and the other fields in the query or a JSON body as `inputIn` says.
   */
  readonly input?: z.ZodType;
  /** Where the fields of `input` that are not path parameters travel: the query (GET's default) or a JSON body. */
  readonly inputIn?: 'query' | 'body';
  /** For a signed route, the protocols it accepts: both when absent. */
  readonly protocols?: readonly ('v1' | 'v2')[];
  readonly responses: Readonly<Record<number, { readonly description: string; readonly schema?: z.ZodType }>>;
}

export type DocumentedMiddleware = RouterMiddleware & { readonly [ROUTE_DOCS]: RouteDocs };

/**
 * `documented(docs)`: a middleware that does nothing but carry the route's documentation. Put it on
 * a route (`router.get(path, apiAuth(), documented({...}), handler)`) and `/openapi.json` describes
 * the route with it; a signed route is described (less fully) even without it.
 */
export function documented(docs: RouteDocs): DocumentedMiddleware {
  const middleware: RouterMiddleware = async function documentedRoute(_ctx, next) {
    await next();
  };
  return Object.assign(middleware, { [ROUTE_DOCS]: docs });
}

/** The documentation a route's middleware carries, if any. */
export function docsOf(stack: readonly unknown[]): RouteDocs | undefined {
  for (const fn of stack) {
    if (typeof fn === 'function' && ROUTE_DOCS in fn) return (fn as DocumentedMiddleware)[ROUTE_DOCS];
  }
  return undefined;
}
