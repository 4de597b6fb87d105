import { connect, createServer, type AddressInfo, type Socket } from 'node:net';

/** A TCP proxy a test can freeze (bytes stop flowing, connections stay open) or cut (connections dropped). */
export interface TcpProxy {
  readonly port: number;
  /** Stops forwarding in both directions; what arrives meanwhile is held back, as by a frozen server. */
  freeze(): void;
  /** Forwards again, held bytes first. */
  thaw(): void;
  /** Drops every connection, and refuses new ones until thawed. */
  cut(): void;
  close(): Promise<void>;
}

/** A proxy on 127.0.0.1 at an ephemeral port, forwarding to `targetPort` of `targetHost`. */
export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let frozen = false;
  let refusing = false;
  const server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = connect(targetPort, targetHost);
    const pair: [Socket, Socket] = [client, upstream];
    pairs.add(pair);
    for (const [from, to] of [pair, [upstream, client] as const]) {
      from.on('data', (chunk: Buffer) => {
        if (frozen) from.pause();
        to.write(chunk);
      });
      from.on('error', () => to.destroy());
      from.on('close', () => {
        to.destroy();
        pairs.delete(pair);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    port,
    freeze() {
      frozen = true;
      for (const pair of pairs) for (const socket of pair) socket.pause();
    },
    thaw() {
      frozen = false;
      refusing = false;
      for (const pair of pairs) for (const socket of pair) socket.resume();
    },
    cut() {
      refusing = true;
      for (const pair of pairs) for (const socket of pair) socket.destroy();
    },
    async close() {
      for (const pair of pairs) for (const socket of pair) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
