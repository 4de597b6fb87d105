import type { IncomingMessage } from 'node:http';
import { httpErrors } from './http-errors.js';

/** Larger bodies are refused with 413 before they are read in full, unless the app sets its own limit. */
export const RAW_BODY_LIMIT_BYTES = 1024 * 1024;

export const EMPTY_BODY = Buffer.alloc(0);

/** Bodies already read, by request: the signature check and the handler read the same bytes once. */
const read = new WeakMap<IncomingMessage, Promise<Buffer>>();
/** The app's body limit, by request, as `requestLimits()` set it. */
const limits = new WeakMap<IncomingMessage, number>();

/** Sets the body limit every later read of this request's body uses, unless a read names a smaller one. */
export function limitBody(req: IncomingMessage, limitBytes: number): void {
  limits.set(req, limitBytes);
}

/** The raw request body, read once per request (empty when the request announces none). */
export function readRawBody(req: IncomingMessage, limitBytes?: number): Promise<Buffer> {
  let body = read.get(req);
  if (!body) {
    const appLimit = limits.get(req) ?? RAW_BODY_LIMIT_BYTES;
    body = hasBody(req) ? collect(req, Math.min(limitBytes ?? appLimit, appLimit)) : Promise.resolve(EMPTY_BODY);
    read.set(req, body);
  }
  return body;
}

/** Whether the request announces a body at all; a GET without one needs no read. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function collect(req: IncomingMessage, limitBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > limitBytes) return Promise.reject(httpErrors.bodyTooLarge(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) {
        req.removeAllListeners('data');
        req.resume();
        reject(httpErrors.bodyTooLarge(limitBytes));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}
