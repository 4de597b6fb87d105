import { Router, type RouterMiddleware } from '@koa/router';
import { adminOperations, type AdminOperationName } from '../../../application/admin/admin-operations.js';
import { AdminGuard, guardedAdminServices, type AdminGuardDeps } from '../../../application/admin/admin-guard.js';
import { adminServicesFor, type AdminUseCases } from '../../../application/admin/admin-services.js';
import type { ResolveAdminAuthority } from '../../../application/admin/resolve-admin-authority.js';
import { apiKeyActor } from '../../../domain/admin/actor.js';
import { adminErrors } from '../../../domain/admin/admin.errors.js';
import type { EntryPoint } from '../../../domain/api-auth/entry-point.js';
import type { ApiAuthMiddleware } from '../api-auth/api-auth.middleware.js';
import { clientAddress } from '../client-address.js';
import { documented } from '../openapi/route-docs.js';
import { readRawBody } from '../raw-body.js';
import type { ApiContext, ApiState, BaseState, SignetRouter } from '../signet-context.js';
import { adminApiRoutes, pathParameters } from './admin-api.table.js';
import { InputError } from '../../../domain/shared/input.errors.js';
import { parseJson } from '../../../domain/shared/safe-json.js';

export type AdminApiDeps = AdminUseCases &
  AdminGuardDeps & {
    resolveAdminAuthority: Pick<ResolveAdminAuthority, 'ofKey'>;
    config: { trustProxy: boolean };
  };

/**
 * `/admin/api/...`: every admin operation as JSON, for a v2-signed request by a key allowed the
 * route's entry point (an admin key). The input is the path's parameters with the query (GET,
 * DELETE) or the JSON body; it is checked by the operation's schema, so that the answers are the
 * site's: `{"error": "..."}` with the same message and status.
 */
export function adminApiRouter(
  deps: AdminApiDeps,
  apiAuth: () => ApiAuthMiddleware,
  discovered: () => readonly EntryPoint[],
): SignetRouter {
  const router = new Router<BaseState>();
  // Object.keys forgets the keys' type; the table is typed by every operation's name (satisfies).
  const names = Object.keys(adminApiRoutes) as AdminOperationName[];
  for (const name of names) {
    const route = adminApiRoutes[name];
    const fieldsFrom = route.method === 'GET' || route.method === 'DELETE' ? queryFields : jsonFields;
    const handler: RouterMiddleware<ApiState> = async (ctx: ApiContext) => {
      const { principal } = ctx.state;
      if (principal.protocol !== 'v2') throw adminErrors.v2Required();
      const actor = apiKeyActor(principal.apiKey, principal.username, clientAddress(ctx, deps.config.trustProxy));
      const input = { ...(await fieldsFrom(ctx)), ...ctx.params };
      // Nobody grants what they do not hold: the key acts within its own entry points.
      const guard = new AdminGuard(deps, await deps.resolveAdminAuthority.ofKey(principal.apiKey));
      const answer = await guardedAdminServices(adminServicesFor(deps, actor, discovered), guard)[name].executeUntyped(input);
      ctx.set('Cache-Control', 'no-store');
      ctx.status = route.status;
      ctx.body = answer;
    };
    const docs = documented({
      summary: route.summary,
      tags: ['admin', route.tag],
      input: adminOperations[name].input,
      inputIn: fieldsFrom === queryFields ? 'query' : 'body',
      protocols: ['v2'],
      responses: { [route.status]: { description: route.summary, schema: adminOperations[name].output } },
    });
    const chain = [apiAuth(), docs, handler] as const;
    if (route.method === 'GET') router.get<ApiState>(route.path, ...chain);
    else if (route.method === 'POST') router.post<ApiState>(route.path, ...chain);
    else if (route.method === 'PATCH') router.patch<ApiState>(route.path, ...chain);
    else router.delete<ApiState>(route.path, ...chain);
    // Every path parameter must be a field of the input, or the operation could never be reached.
    for (const parameter of pathParameters(route.path)) {
      if (!(parameter in adminOperations[name].input.shape))
        throw new Error(`${route.path}: ${parameter} is not an input of ${name}`);
    }
  }
  return router;
}

/**
 * The query's parameters, each given once: a repeated one is refused, since two copies could be read
 * differently by different parsers (as the reader refuses them). Each name is a field of its own,
 * `__proto__` too, so that the input's check refuses it as unknown rather than it being dropped.
 */
async function queryFields(ctx: ApiContext): Promise<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(ctx.query).flatMap(([name, value]): [string, string][] => {
      const [first, ...others] = typeof value === 'string' ? [value] : (value ?? []);
      if (others.length > 0) throw adminErrors.invalidInput(`${name} is given more than once`);
      return first === undefined ? [] : [[name, first]];
    }),
  );
}

/** The JSON body, which must be an object; no body reads as `{}`. */
async function jsonFields(ctx: ApiContext): Promise<Record<string, unknown>> {
  const raw = await readRawBody(ctx.req);
  if (raw.length === 0) return {};
  let parsed: unknown;
  try {
    parsed = parseJson(raw.toString('utf8'));
  } catch (error) {
    throw adminErrors.invalidInput(
      error instanceof InputError && error.code === 'input.forbidden_json_key' ? error.message : 'the body is not valid JSON',
    );
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw adminErrors.invalidInput('the body must be a JSON object');
  }
  return { ...parsed };
}
