import type { IncomingMessage } from 'node:http';
import { DomainError } from '../../domain/errors.js';
import type { SignetContext } from './signet-context.js';

/** Larger bodies are refused with 413 before they are read in full. */
export const RAW_BODY_LIMIT_BYTES = 1024 * 1024;

export const EMPTY_BODY = Buffer.alloc(0);

/** The raw request body, read once and kept on `ctx.state.rawBody`. */
export async function readRawBody(ctx: SignetContext): Promise<Buffer> {
  if (ctx.state.rawBody) return ctx.state.rawBody;
  const body = hasBody(ctx.req) ? await collect(ctx.req) : EMPTY_BODY;
  ctx.state.rawBody = body;
  return body;
}

/** Whether the request announces a body at all; a GET without one needs no read. */
export function hasBody(req: IncomingMessage): boolean {
  if (req.headers['transfer-encoding'] !== undefined) return true;
  const length = req.headers['content-length'];
  return length !== undefined && length !== '0';
}

function collect(req: IncomingMessage): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  if (declared > RAW_BODY_LIMIT_BYTES) return Promise.reject(bodyTooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > RAW_BODY_LIMIT_BYTES) {
        req.removeAllListeners('data');
        req.resume();
        reject(bodyTooLarge());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks, size)));
    req.on('error', reject);
  });
}

function bodyTooLarge(): DomainError {
  return new DomainError('http.body_too_large', `request body too large (limit ${RAW_BODY_LIMIT_BYTES} bytes)`);
}
