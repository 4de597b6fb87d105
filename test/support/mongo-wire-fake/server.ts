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
 * first `hello`) on 127.0.0.1 at an ephemeral port. It serves what the official driver sends for the
 * commands Signet's Mongo adapters use; anything else gets a CommandNotFound reply. Tests only.
 */
export async function startMongoWireFake(): Promise<MongoWireFake> {
  const catalog = new FakeCatalog();
  const cursors = new CursorRegistry();
  let requestId = 0;
  const state = { catalog, cursors, nextRequestId: () => (requestId = (requestId + 1) & 0x7fffffff) };
  const sockets = new Set<Socket>();
  let connections = 0;

  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    connections += 1;
    serveConnection(socket, state, connections);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `mongodb://127.0.0.1:${port}`,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
