import { connect, type Socket } from 'node:net';
import { DEMO_API_KEY } from '../../src/application/demo/demo-data.js';
import { jsClientUrl } from './v1-reference-clients.js';

/** A signed request whose body is sent in two parts, so that it stays in flight as long as a test wants. */
export interface SlowRequest {
  /** Sends the rest of the body and resolves with the raw response (status line, headers, body). */
  finish(): Promise<string>;
  /** Resolves with whatever the server sent before closing the connection. */
  closed: Promise<string>;
  socket: Socket;
}

/**
 * Starts a v1-signed `POST /api/goodbye/` with the demo key, sending the headers and half the body
 * now; resolves once the connection is open and that much is written.
 */
export async function startSlowRequest(baseUrl: string, body = 'see you later, from a slow client'): Promise<SlowRequest> {
  const { hostname, port, host } = new URL(baseUrl);
  const target = jsClientUrl('/api/goodbye/', DEMO_API_KEY.apiKey, DEMO_API_KEY.secretKey, { body });
  const socket = connect(Number(port), hostname);
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  socket.on('error', () => undefined);
  const closed = new Promise<string>((resolve) => socket.on('close', () => resolve(received)));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const half = Math.floor(body.length / 2);
  socket.write(
    `POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Type: text/plain\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, half)}`,
  );
  return {
    socket,
    closed,
    finish() {
      socket.write(body.slice(half));
      return new Promise((resolve) => {
        const check = (): void => {
          if (/\r\n\r\n[\s\S]*\}$/.test(received)) resolve(received);
        };
        socket.on('data', check);
        socket.on('close', () => resolve(received));
        check();
      });
    },
  };
}
