import { createServer, STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type Koa from 'koa';
import type { HttpLimits } from './middleware/request-limits.js';

/**
 * Node's buffer for the request line and headers together (its default). A request that does not
 * fit is refused on the socket, before Koa: 414 when the request line alone is too long, 431 when
 * the headers are.
 */
export const MAX_HEADER_BYTES = 16 * 1024;

/**
 * Longer than the idle timeout of common load balancers (60 s): a balancer that reuses a keep-alive
 * connection the server has just closed would answer its client 502.
 */
const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * How often Node looks for requests past their time: often enough that a slow client is cut off
 * within a second or two of its limit (Node's default, 30 s, let one linger for half a minute more).
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1000;

/** How long a client may take to send a request (HTTP_HEADERS_TIMEOUT_MS, HTTP_REQUEST_TIMEOUT_MS). */
export interface HttpTimeouts {
  /** The request line and headers, from their first byte: 408 and the connection closed beyond. */
  headersTimeoutMs: number;
  /** The whole request, body included; at least `headersTimeoutMs`. */
  requestTimeoutMs: number;
}

/** An HTTP server for the app, with the request limits enforced where Koa cannot see them. */
export function createHttpServer(app: Koa, limits: HttpLimits & HttpTimeouts): Server {
  const handle = app.callback();
  const server = createServer(
    {
      maxHeaderSize: MAX_HEADER_BYTES,
      keepAliveTimeout: KEEP_ALIVE_TIMEOUT_MS,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
    },
    // Koa answers its own failures; the promise settles once the response is written.
    (req, res) => void handle(req, res),
  );
  // One past the limit, so that requestLimits() sees a request has too many; Node drops the rest.
  server.maxHeadersCount = limits.headers + 1;
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    answerClientError(error, socket, limits);
  });
  return server;
}

/** Node's parser refused the bytes on a socket: answer as the middleware would have, in JSON, and close. */
function answerClientError(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex, limits: HttpLimits): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  let status = 400;
  let message = 'bad request';
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    const targetTooLong = requestLineLength(error.rawPacket) > limits.targetBytes;
    status = targetTooLong ? 414 : 431;
    message = targetTooLong
      ? `request target too long (limit ${limits.targetBytes} bytes)`
      : `request headers too large (limit ${MAX_HEADER_BYTES} bytes)`;
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    status = 408;
    message = 'request timeout';
  }
  const body = JSON.stringify({ error: message });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Content-Type: application/json; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(body)}\r\n` +
      'X-Content-Type-Options: nosniff\r\n' +
      `Connection: close\r\n\r\n${body}`,
  );
}

/** The length of the first line of what the parser had read; all of it when no line end arrived. */
function requestLineLength(packet: Buffer | undefined): number {
  if (!packet) return 0;
  const end = packet.indexOf('\r\n');
  return end === -1 ? packet.length : end;
}
