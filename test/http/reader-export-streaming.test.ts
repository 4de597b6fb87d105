import { readFileSync } from 'node:fs';
import http from 'node:http';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { asValue } from 'awilix';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scaleDocuments } from '../../bench/scale-documents.js';
import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { DEMO_NAMESPACE } from '../../src/application/reader/reader-demo.js';
import type { DocumentCursor, DocumentSource } from '../../src/domain/reader/document-source.port.js';
import type { CookieJar } from '../support/cookie-jar.js';
import { loggedIn, readerPath } from '../support/reader-flow.js';
import { startTestService, type TestService } from '../support/test-service.js';

const ROWS = 100_000;

/** The source, counting the documents its cursors have handed out. */
function counting(source: MemoryDocumentSource): DocumentSource & { rowsRead: number } {
  const counted = {
    rowsRead: 0,
    find: source.find.bind(source),
    count: source.count.bind(source),
    stats: source.stats.bind(source),
    listCollections: source.listCollections.bind(source),
    async openCursor(query: Parameters<DocumentSource['openCursor']>[0]): Promise<DocumentCursor> {
      const cursor = await source.openCursor(query);
      return {
        next: async () => {
          const document = await cursor.next();
          if (document !== null) counted.rowsRead += 1;
          return document;
        },
        close: () => cursor.close(),
      };
    },
  };
  return counted;
}

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;
const heapMb = () => {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed / 2 ** 20;
};
/** The most the kernel lets a TCP connection's two ends buffer (receive, then send), where Linux says. */
function socketBuffersBytes(): number {
  const most = (file: string) => Number(readFileSync(file, 'utf8').trim().split(/\s+/)[2] ?? NaN);
  try {
    return most('/proc/sys/net/ipv4/tcp_rmem') + most('/proc/sys/net/ipv4/tcp_wmem');
  } catch {
    return 64 * 2 ** 20;
  }
}
const until = async (condition: () => boolean, what: string, ms = 30_000) => {
  const started = Date.now();
  while (!condition()) {
    if (Date.now() - started > ms) throw new Error(`waited ${ms} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe('an export of 100,000 rows from the memory source', () => {
  let service: TestService;
  let user1: CookieJar;
  let source: MemoryDocumentSource;
  let counted: ReturnType<typeof counting>;

  beforeAll(async () => {
    source = new MemoryDocumentSource();
    await source.seedIfEmpty(DEMO_NAMESPACE, scaleDocuments(ROWS));
    counted = counting(source);
    service = await startTestService({
      overrides: { documentSource: asValue(counted), documentSeeder: asValue(source) },
    });
    user1 = await loggedIn(service, 'user1', '123');
  }, 120_000);
  afterAll(async () => {
    await service.close();
    await source.close();
  });

  it('reads from the source only as a slow client takes the file: no more than the socket buffers ahead, and not in the heap', async () => {
    const path = readerPath('exportcsv/', { projection: '{"name": "Name", "gender": "Gender", "lastlogin": "Last login"}' });
    const cookie = user1.header();
    const before = heapMb();
    counted.rowsRead = 0;
    let received = 0;
    let lines = 0;
    const response = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http.get(`${service.baseUrl}${path}`, { headers: { cookie } }, resolve).on('error', reject),
    );
    expect(response.statusCode).toBe(200);
    response.pause();
    // The client takes nothing: the server fills the socket's buffers, then waits.
    let stalled = -1;
    let stillSince = Date.now();
    await until(() => {
      if (counted.rowsRead !== stalled) {
        stalled = counted.rowsRead;
        stillSince = Date.now();
      }
      return stalled > 0 && Date.now() - stillSince >= 500;
    }, 'the server to stop reading');
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(counted.rowsRead).toBe(stalled);
    // What was read and not taken is in the socket buffers (the kernel's, on both ends), not the server's heap.
    const held = heapMb() - before;
    expect(held).toBeLessThan(10);

    // Then the client reads, a chunk every few milliseconds, to the end.
    const ended = new Promise<void>((resolve) => response.on('end', resolve));
    const tick = setInterval(() => {
      const chunk = response.read() as Buffer | null;
      if (chunk === null) return;
      received += chunk.length;
      for (const byte of chunk) if (byte === 10) lines += 1;
    }, 2);
    await ended;
    clearInterval(tick);
    expect(lines).toBe(ROWS + 1);
    expect(counted.rowsRead).toBe(ROWS);
    const rowBytes = received / lines;
    expect(stalled * rowBytes).toBeLessThanOrEqual(socketBuffersBytes() + 2 ** 20);
    expect(stalled).toBeLessThan(ROWS);
  }, 120_000);
});
