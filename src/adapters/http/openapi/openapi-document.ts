import { z } from 'zod';
import { API_AUTH_MARK } from '../api-auth/api-auth.middleware.js';
import type { SignetRouter } from '../signet-context.js';
import { docsOf, type RouteDocs } from './route-docs.js';

export interface OpenApiOptions {
  readonly version: string;
  /** Documentation for routes that do not carry their own, by `METHOD /pattern`. */
  readonly described?: ReadonlyMap<string, RouteDocs>;
}

type JsonObject = Record<string, unknown>;

const errorBody = z.object({ error: z.string() });

/**
 * The OpenAPI 3.1 document of the service's APIs: every route that is signed (found as entry point
 * discovery finds them) or documented (`documented(...)`, or `described` for routes that cannot carry
 * it). Parameters and bodies come from the zod schemas the routes are checked with. Pages are left out.
 */
export function buildOpenApiDocument(routers: readonly SignetRouter[], options: OpenApiOptions): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const router of routers) {
    for (const layer of router.stack) {
      const signed = layer.stack.some((fn) => API_AUTH_MARK in fn);
      const pattern = String(layer.path);
      for (const method of layer.methods) {
        if (method === 'HEAD' && layer.methods.includes('GET')) continue;
        const docs = docsOf(layer.stack) ?? options.described?.get(`${method} ${pattern}`);
        if (!docs && !signed) continue;
        const path = pattern.replace(/:(\w+)/g, '{$1}');
        paths[path] = { ...paths[path], [method.toLowerCase()]: operation(method, pattern, docs, signed, layer.name) };
      }
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Signet',
      version: options.version,
      description:
        'Signed API access (dj-api-auth v1 and Signet v2), single sign-on, and the admin API. Signed routes take a ' +
        'request signed as docs/signing.md describes; the admin API takes protocol v2 only.',
    },
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    components: {
      securitySchemes: {
        signetV2: {
          type: 'apiKey',
          in: 'header',
          name: 'Authorization',
          description:
            'Protocol v2: `Authorization: SIGNET-HMAC-SHA256 Credential=<API key>, SignedHeaders=..., Signature=...` with ' +
            '`X-Signet-Date` and `X-Signet-Nonce` (docs/signing.md).',
        },
        signetV1: {
          type: 'apiKey',
          in: 'query',
          name: 'signature',
          description: 'Protocol v1 (dj-api-auth): `apikey`, `timestamp` and `signature` in the query (docs/signing.md).',
        },
      },
      schemas: { Error: jsonSchema(errorBody, 'output') },
    },
  };
}

function operation(
  method: string,
  pattern: string,
  docs: RouteDocs | undefined,
  signed: boolean,
  name: string | undefined,
): JsonObject {
  const entryPoint = name || `${method} ${pattern}`;
  const pathNames = [...pattern.matchAll(/:(\w+)/g)].map((match) => match[1] ?? '');
  const { parameters, body } = docs?.input
    ? splitInput(docs.input, pathNames, docs.inputIn ?? (method === 'GET' || method === 'DELETE' ? 'query' : 'body'))
    : { parameters: pathNames.map((parameterName) => pathParameter(parameterName, { type: 'string' })), body: undefined };
  const responses: Record<string, JsonObject> = {};
  for (const [status, response] of Object.entries(docs?.responses ?? { 200: { description: 'The answer' } })) {
    responses[status] = {
      description: response.description,
      ...(response.schema ? { content: { 'application/json': { schema: jsonSchema(response.schema, 'output') } } } : {}),
    };
  }
  if (signed) {
    responses['403'] ??= errorResponse('Refused: the signature, the key, or the entry point (docs/signing.md)');
    responses['429'] ??= errorResponse("Over the key's rate limit; Retry-After says when to try again");
  }
  responses['400'] ??= errorResponse('The request could not be read');
  responses['503'] ??= errorResponse('A backend (cache or store) is unavailable; Retry-After says when to try again');
  const protocols = docs?.protocols ?? ['v2', 'v1'];
  return {
    summary: docs?.summary ?? entryPoint,
    ...(docs?.description ? { description: docs.description } : {}),
    ...(docs?.tags ? { tags: [...docs.tags] } : {}),
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(body ? { requestBody: { required: true, content: { 'application/json': { schema: body } } } } : {}),
    responses,
    security: signed ? protocols.map((protocol) => ({ [protocol === 'v2' ? 'signetV2' : 'signetV1']: [] })) : [],
    ...(signed ? { 'x-signet-entry-point': entryPoint } : {}),
  };
}

/** The input's fields shared out: path parameters by name, the rest in the query or in one body schema. */
function splitInput(input: z.ZodType, pathNames: readonly string[], rest: 'query' | 'body') {
  const schema = jsonSchema(input, 'input');
  const properties = isObject(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required.map(String) : []);
  const parameters: JsonObject[] = [];
  const bodyProperties: JsonObject = {};
  for (const [name, property] of Object.entries(properties)) {
    if (pathNames.includes(name)) parameters.push(pathParameter(name, property));
    else if (rest === 'query') parameters.push({ name, in: 'query', required: required.has(name), schema: property });
    else bodyProperties[name] = property;
  }
  const bodyRequired = [...required].filter((name) => !pathNames.includes(name));
  const body =
    rest === 'body'
      ? {
          type: 'object',
          properties: bodyProperties,
          ...(bodyRequired.length > 0 ? { required: bodyRequired } : {}),
          additionalProperties: false,
        }
      : undefined;
  return { parameters, body };
}

function pathParameter(name: string, schema: unknown): JsonObject {
  return { name, in: 'path', required: true, schema };
}

function errorResponse(description: string): JsonObject {
  return { description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } };
}

/** The JSON Schema (2020-12, OpenAPI 3.1's dialect) of what a schema takes or gives. */
function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonObject {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as JsonObject;
  return rest;
}

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
