import { z } from 'zod';
import {
  adminOperations,
  type AdminOperation,
  type AdminOperationName,
  type AdminOutput,
  type AdminServices,
} from '../../../application/admin/admin-operations.js';
import type { SignetClient } from '../../../client/signet-client.js';
import { parseJsonOrUndefined } from '../../../domain/shared/safe-json.js';
import { adminApiRoutes, pathParameters } from './admin-api.table.js';

/** A refusal from the admin API: its status and the server's message, which is the message a store would have given. */
export class AdminApiRefusal extends Error {
  override readonly name = 'AdminApiRefusal';

  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** The admin API could not be reached, or answered something that is not the admin API. */
export class AdminApiUnreachable extends Error {
  override readonly name = 'AdminApiUnreachable';
}

const errorBody = z.object({ error: z.string() });

/**
 * Every admin operation over a running Signet's admin API, through a v2-signed client (an admin
 * key): the command line's `--server`. Answers are read back through the operations' schemas, and a
 * refusal carries the server's message, so a command prints what it would print on a store.
 */
export function adminApiClient(client: Pick<SignetClient, 'request'>, baseUrl: string): AdminServices {
  const operation = <Name extends AdminOperationName>(name: Name): AdminOperation<Name> => {
    const send = (input: unknown) => call(client, baseUrl, name, input);
    return { execute: send, executeUntyped: send };
  };
  return {
    createKey: operation('createKey'),
    listKeys: operation('listKeys'),
    showKey: operation('showKey'),
    updateKey: operation('updateKey'),
    allowEntryPoint: operation('allowEntryPoint'),
    disableKey: operation('disableKey'),
    enableKey: operation('enableKey'),
    revokeKey: operation('revokeKey'),
    rotateKey: operation('rotateKey'),
    listEntryPoints: operation('listEntryPoints'),
    reloadEntryPoints: operation('reloadEntryPoints'),
    listSsoHosts: operation('listSsoHosts'),
    addSsoHost: operation('addSsoHost'),
    removeSsoHost: operation('removeSsoHost'),
    listUsers: operation('listUsers'),
    createUser: operation('createUser'),
    setPassword: operation('setPassword'),
    setUserFlags: operation('setUserFlags'),
    resetUserFactors: operation('resetUserFactors'),
    listAudit: operation('listAudit'),
    listFailures: operation('listFailures'),
    showReaderPolicy: operation('showReaderPolicy'),
    tryReaderQuery: operation('tryReaderQuery'),
    listOidcClients: operation('listOidcClients'),
    createOidcClient: operation('createOidcClient'),
    showOidcClient: operation('showOidcClient'),
    updateOidcClient: operation('updateOidcClient'),
    disableOidcClient: operation('disableOidcClient'),
    enableOidcClient: operation('enableOidcClient'),
    rotateOidcClientSecret: operation('rotateOidcClientSecret'),
    removeOidcClient: operation('removeOidcClient'),
    listOidcKeys: operation('listOidcKeys'),
    rotateOidcKeys: operation('rotateOidcKeys'),
    listApps: operation('listApps'),
    showApp: operation('showApp'),
  };
}

async function call<Name extends AdminOperationName>(
  client: Pick<SignetClient, 'request'>,
  baseUrl: string,
  name: Name,
  input: unknown,
): Promise<AdminOutput<Name>> {
  const route = adminApiRoutes[name];
  const given: Record<string, unknown> = typeof input === 'object' && input !== null ? { ...input } : {};
  const inPath = new Set(pathParameters(route.path));
  const path = route.path.replace(/:(\w+)/g, (_, parameter: string) => encodeURIComponent(textOf(given[parameter])));
  const fields = Object.fromEntries(Object.entries(given).filter(([field]) => !inPath.has(field)));
  let response: Response;
  try {
    if (route.method === 'GET' || route.method === 'DELETE') {
      const query = new URLSearchParams();
      for (const [field, value] of Object.entries(fields)) {
        if (value !== undefined && value !== null) query.set(field, textOf(value));
      }
      response = await client.request(route.method, query.size > 0 ? `${path}?${query.toString()}` : path);
    } else {
      response = await client.request(route.method, path, {
        body: JSON.stringify(fields),
        headers: { 'Content-Type': 'application/json' },
      });
    }
  } catch (error) {
    const cause = error instanceof Error ? error.cause : undefined;
    const reason = cause instanceof Error ? cause.message : error instanceof Error ? error.message : String(error);
    throw new AdminApiUnreachable(`cannot reach Signet at ${baseUrl}: ${reason}`);
  }
  const body = await readJson(response);
  if (!response.ok) {
    const refusal = errorBody.safeParse(body);
    throw new AdminApiRefusal(
      response.status,
      refusal.success ? refusal.data.error : `${response.status} from ${baseUrl}${path}`,
    );
  }
  const parsed = adminOperations[name].output.safeParse(body);
  if (!parsed.success) throw new AdminApiUnreachable(`${baseUrl} did not answer as the admin API does (${route.method} ${path})`);
  // The schema is the one of `name`: TypeScript cannot follow a generic key through the table.
  return parsed.data as AdminOutput<Name>;
}

/** A path or query value as text: what the server's schema then reads. */
function textOf(value: unknown): string {
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? String(value) : '';
}

async function readJson(response: Response): Promise<unknown> {
  try {
    return parseJsonOrUndefined(await response.text()) ?? null;
  } catch {
    return null;
  }
}
