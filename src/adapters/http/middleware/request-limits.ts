import type { IncomingMessage } from 'node:http';
import { httpErrors } from '../http-errors.js';
import { hasBody, limitBody } from '../raw-body.js';

/** What one request may send; larger requests are refused before any route runs. */
export interface HttpLimits {
  /** Longest request target (path and query), in bytes: 414 beyond. */
  targetBytes: number;
  /** Largest body, in bytes: 413 beyond, announced or read. */
  bodyBytes: number;
  /** Most query parameters: 400 beyond. */
  queryParameters: number;
  /** Most header lines: 431 beyond. */
  headers: number;
}

/**
 * Refuses a request that is larger than any Signet serves, before a parser or a route spends work
 * on it. Counting is done on the raw request: Node's own parsers cap header and query counts
 * silently (they drop what is beyond the cap), which would let a request read differently here and
 * at a proxy. A target larger than Node's header buffer never gets here: `createHttpServer` answers
 * it on the socket. Sets the body limit later reads of this request's body keep to.
 */
export function checkRequestLimits(req: IncomingMessage, limits: HttpLimits): void {
  // Node reads the request line byte for byte (latin1), so its length is the target's size in bytes.
  const target = req.url ?? '';
  if (target.length > limits.targetBytes) throw httpErrors.targetTooLong(limits.targetBytes);
  if (req.rawHeaders.length / 2 > limits.headers) throw httpErrors.tooManyHeaders(limits.headers);
  if (countQueryParameters(target, limits.queryParameters) > limits.queryParameters) {
    throw httpErrors.tooManyQueryParameters(limits.queryParameters);
  }
  const declared = req.headers['content-length'];
  if (declared !== undefined && Number(declared) > limits.bodyBytes) throw httpErrors.bodyTooLarge(limits.bodyBytes);
  if (hasBody(req)) limitBody(req, limits.bodyBytes);
}

/** The non-empty `&`-separated pieces of the target's query, counted up to one past `stopAfter`. */
export function countQueryParameters(target: string, stopAfter: number): number {
  const mark = target.indexOf('?');
  if (mark === -1) return 0;
  let count = 0;
  let start = mark + 1;
  while (start <= target.length && count <= stopAfter) {
    let end = target.indexOf('&', start);
    if (end === -1) end = target.length;
    if (end > start) count += 1;
    start = end + 1;
  }
  return count;
}
