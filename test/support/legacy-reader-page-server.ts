import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CookieJar } from './cookie-jar.js';

export interface LegacyReaderPageServer {
  /** `http://127.0.0.1:<port>`: the page is at `/`. */
  baseUrl: string;
  /** The status of each reader answer forwarded, by path, in order. */
  forwarded: { path: string; status: number }[];
  close(): Promise<void>;
}

const FILES: Readonly<Record<string, { file: string; type: string }>> = {
  '/': { file: 'index.html', type: 'text/html; charset=utf-8' },
  '/page.js': { file: 'page.js', type: 'text/javascript; charset=utf-8' },
};

/**
 * The site a page written for dj-mongo-reader lives on: it serves the page from `folder`, and
 * forwards its reader URLs (`/mongo/...`) to Signet with one user's session, as a site moving off
 * dj-mongo-reader would put Signet behind its own reader prefix. Answers come back as Signet gave them.
 */
export async function startLegacyReaderPageServer(
  folder: URL,
  signetUrl: string,
  session: CookieJar,
): Promise<LegacyReaderPageServer> {
  const forwarded: { path: string; status: number }[] = [];
  const server: Server = createServer((request, response) => {
    const path = request.url ?? '/';
    void (async () => {
      const served = FILES[path];
      if (served) {
        response.writeHead(200, { 'content-type': served.type });
        response.end(await readFile(new URL(served.file, folder)));
        return;
      }
      if (!path.startsWith('/mongo/')) {
        response.writeHead(404).end();
        return;
      }
      const answer = await session.fetch(`${signetUrl}${path}`);
      forwarded.push({ path, status: answer.status });
      response.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' });
      response.end(Buffer.from(await answer.arrayBuffer()));
    })().catch(() => {
      if (!response.headersSent) response.writeHead(502);
      response.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    forwarded,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
