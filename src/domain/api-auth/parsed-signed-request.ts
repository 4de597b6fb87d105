import { apiAuthErrors } from './api-auth.errors.js';
import { isV2Authorization, parseV2Authorization, type V2Authorization } from './authorization-header.js';
import { parseV1Request, type V1Request } from './canonical-request-v1.js';
import { V2_DATE_HEADER, V2_NONCE_HEADER, type V2RequestParts } from './canonical-request-v2.js';
import { isWellFormedNonce } from './nonce.js';
import { headerOf, type SignedRequest } from './signed-request.js';

/** A protocol v1 request with its parameters present. */
export interface ParsedV1Request {
  readonly protocol: 'v1';
  readonly apiKey: string;
  readonly timestamp: string;
  readonly signature: string;
  readonly target: V1Request;
  readonly body: Uint8Array;
  readonly rawUrl: string;
}

/** A protocol v2 request with its headers present and well-formed. */
export interface ParsedV2Request {
  readonly protocol: 'v2';
  readonly apiKey: string;
  readonly authorization: V2Authorization;
  readonly date: string;
  readonly nonce: string;
  readonly parts: V2RequestParts;
  readonly rawUrl: string;
}

export type ParsedSignedRequest = ParsedV1Request | ParsedV2Request;

/**
 * Takes a request that claims to be signed apart, once: v2 when its Authorization header announces
 * it, v1 otherwise. Throws `parameter missing` when what the protocol needs is absent or malformed.
 */
export function parseSignedRequest(request: SignedRequest): ParsedSignedRequest {
  const authorization = headerOf(request, 'authorization');
  return isV2Authorization(authorization) ? parseV2(request, authorization) : parseV1(request);
}

function parseV1(request: SignedRequest): ParsedV1Request {
  const target = parseV1Request(request.rawUrl);
  const { apiKey, timestamp, signature } = target.parameters;
  if (!apiKey || !timestamp || !signature) throw apiAuthErrors.parameterMissing();
  return { protocol: 'v1', apiKey, timestamp, signature, target, body: request.body, rawUrl: request.rawUrl };
}

function parseV2(request: SignedRequest, header: string): ParsedV2Request {
  const authorization = parseV2Authorization(header);
  const date = headerOf(request, V2_DATE_HEADER);
  const nonce = headerOf(request, V2_NONCE_HEADER);
  if (!authorization || !date || !nonce || !isWellFormedNonce(nonce)) throw apiAuthErrors.parameterMissing();
  return {
    protocol: 'v2',
    apiKey: authorization.apiKey,
    authorization,
    date,
    nonce,
    parts: {
      method: request.method,
      rawUrl: request.rawUrl,
      headers: (name) => headerOf(request, name),
      signedHeaders: authorization.signedHeaders,
      body: request.body,
    },
    rawUrl: request.rawUrl,
  };
}
