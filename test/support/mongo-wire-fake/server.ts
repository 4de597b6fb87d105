import { hostname } from 'node:os';
import type { Document } from 'bson';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { CursorRegistry } from './cursor-registry.js';
import { FakeCatalog } from './fake-catalog.js';
import { serveConnection } from './serve-connection.js';

/** A running fake: where to connect, and how to stop it. */
export interface MongoWireFake {
  /** `mongodb://127.0.0.1:<port>`, with no database in the path. */
  readonly url: string;
  /** Closes every connection and the listening socket. */
  stop(): Promise<void>;
}

/**
 * Starts an in-memory MongoDB look-alike that speaks the wire protocol (OP_MSG, plus OP_QUERY for the
 * first `hello`) on 127.0.0.1 at an ephemeral port. It answers as a standalone MongoDB 7.0 does for
 * the commands and fields it serves, and refuses the rest: an unknown command with CommandNotFound,
 * an unknown field with the server's own error, a field it cannot honour with a BadValue that says
 * so. Tests only. `observe` sees each command as the client sent it.
 */
export async function startMongoWireFake(options: { observe?: (command: Document) => void } = {}): Promise<MongoWireFake> {
  const sockets = new Set<Socket>();
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = portOf(server.address());

  let requestId = 0;
  const state = {
    catalog: new FakeCatalog(),
    cursors: new CursorRegistry(),
    // Replies such as $collStats name the server as a real one does: its host name and port.
    host: `${hostname()}:${port}`,
    nextRequestId: () => (requestId = (requestId + 1) & 0x7fffffff),
    ...(options.observe ? { observe: options.observe } : {}),
  };
  let connections = 0;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connections += 1;
    serveConnection(socket, state, connections);
  });

  return {
    url: `mongodb://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

// A TCP server listening on an IP address reports an AddressInfo; a string would be a pipe path.
function portOf(address: AddressInfo | string | null): number {
  if (address === null || typeof address === 'string') throw new Error('the fake is not listening on a TCP port');
  return address.port;
}
