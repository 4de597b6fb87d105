import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TIMEOUT_CHECK_INTERVAL_MS } from '../../src/adapters/http/http-server.js';
import { testConfig } from '../support/test-config.js';
import { startTestService, type TestService } from '../support/test-service.js';

/** A short limit, so that the test takes seconds; the default (60 s, as nginx) is checked in the config's tests. */
const HEADERS_TIMEOUT_MS = 3000;

interface Trickle {
  /** When the server ended the connection, in ms after it opened. */
  closedAfter: Promise<number>;
  /** What the server wrote before it closed. */
  answer: () => string;
  socket: Socket;
}

/** A client that sends a request's head one byte a second and never finishes it. */
function trickle(baseUrl: string): Trickle {
  const { hostname, port } = new URL(baseUrl);
  const socket = connect(Number(port), hostname);
  const started = Date.now();
  const head = 'GET /health/live HTTP/1.1\r\nHost: signet.test\r\nX-Slow: ' + 'a'.repeat(1000);
  let sent = 0;
  const chunks: Buffer[] = [];
  const timer = setInterval(() => {
    if (!socket.destroyed && sent < head.length) socket.write(head[sent++] ?? '');
  }, 1000);
  socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  socket.on('error', () => undefined);
  const closedAfter = new Promise<number>((resolve) => {
    socket.on('close', () => {
      clearInterval(timer);
      resolve(Date.now() - started);
    });
  });
  return { closedAfter, answer: () => Buffer.concat(chunks).toString('latin1'), socket };
}

describe('a client that sends its request head a byte a second', () => {
  let service: TestService;

  beforeAll(async () => {
    service = await startTestService({
      config: testConfig({ HTTP_HEADERS_TIMEOUT_MS: String(HEADERS_TIMEOUT_MS), HTTP_REQUEST_TIMEOUT_MS: '6000' }),
    });
  });
  afterAll(() => service.close());

  it('is answered 408 and cut off within a few seconds of HTTP_HEADERS_TIMEOUT_MS, however steadily it sends', async () => {
    const slow = trickle(service.baseUrl);
    const closedAfter = await slow.closedAfter;
    expect(closedAfter).toBeGreaterThanOrEqual(HEADERS_TIMEOUT_MS - 100);
    // The limit, one check of Node's, and room for a loaded machine.
    expect(closedAfter).toBeLessThan(HEADERS_TIMEOUT_MS + TIMEOUT_CHECK_INTERVAL_MS + 3000);
    expect(slow.answer()).toMatch(/^HTTP\/1\.1 408 /);
  }, 30_000);

  it('cuts off a crowd of them alike, and still answers a client that sends its request at once', async () => {
    const crowd = Array.from({ length: 20 }, () => trickle(service.baseUrl));
    const live = await fetch(`${service.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    const times = await Promise.all(crowd.map((slow) => slow.closedAfter));
    for (const time of times) expect(time).toBeLessThan(HEADERS_TIMEOUT_MS + TIMEOUT_CHECK_INTERVAL_MS + 3000);
  }, 30_000);

  it('leaves an idle keep-alive connection to its keep-alive timeout, not to the head timeout', async () => {
    const { hostname, port } = new URL(service.baseUrl);
    const socket = connect(Number(port), hostname);
    let closed = false;
    socket.on('close', () => (closed = true));
    const first = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    socket.write('GET /health/live HTTP/1.1\r\nHost: signet.test\r\n\r\n');
    expect(await first).toMatch(/^HTTP\/1\.1 200 /);
    await new Promise((resolve) => setTimeout(resolve, HEADERS_TIMEOUT_MS + TIMEOUT_CHECK_INTERVAL_MS + 1500));
    expect(closed).toBe(false);
    const second = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => resolve(chunk.toString('latin1'))));
    socket.write('GET /health/live HTTP/1.1\r\nHost: signet.test\r\n\r\n');
    expect(await second).toMatch(/^HTTP\/1\.1 200 /);
    socket.destroy();
  }, 30_000);
});
