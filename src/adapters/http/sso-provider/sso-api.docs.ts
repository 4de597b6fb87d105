import { z } from 'zod';
import type { RouteDocs } from '../openapi/route-docs.js';

/**
 * What `/openapi.json` says of the SSO handshake's signed APIs. They read their query by hand, keeping
 * dj-sso-server's messages (`parameter missing` before anything else), so their schemas are written
 * here rather than taken from a validator.
 */
const requestToken: RouteDocs = {
  summary: 'Step 1 of the SSO handshake: a request token bound to the calling key',
  tags: ['SSO'],
  responses: {
    200: {
      description: 'A request token: 256 random bits, base64url, valid for SSO_REQUEST_TOKEN_TTL seconds',
      schema: z.object({ request_token: z.string() }),
    },
  },
};

const authToken: RouteDocs = {
  summary: 'Step 4 of the SSO handshake: trade the request and auth tokens for the user, once',
  tags: ['SSO'],
  input: z.object({ request_token: z.string(), auth_token: z.string() }),
  inputIn: 'query',
  responses: {
    200: {
      description: 'The user, as SSO_USER_SERIALIZER makes it (by default dj-sso-server’s fields)',
      schema: z.object({ user: z.record(z.string(), z.unknown()) }),
    },
  },
};

export const ssoApiDocs: ReadonlyMap<string, RouteDocs> = new Map([
  ['GET /sso/requesttoken/', requestToken],
  ['GET /sso/reqeusttoken/', { ...requestToken, summary: `${requestToken.summary} (dj-sso-client's spelling)` }],
  ['GET /sso/authtoken/', authToken],
]);
