import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisConnection, redactRedisUrl } from '../../../src/adapters/redis/redis-connection.js';

const quiet = { info() {}, warn() {}, error() {} };

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
}

async function closedPort(): Promise<number> {
  const server = createServer();
  const port = await listen(server);
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function openFailure(url: string): Promise<{ message: string; ms: number }> {
  const connection = new RedisConnection({ config: { redisUrl: url }, logger: quiet });
  const started = Date.now();
  const error = await connection.open().then(
    () => new Error('open() resolved'),
    (reason: unknown) => reason,
  );
  await connection.close();
  return { message: error instanceof Error ? error.message : String(error), ms: Date.now() - started };
}

/** One RESP command (an array of bulk strings) off the front of `buffer`, or null while it is incomplete. */
function takeCommand(buffer: string): { rest: string } | null {
  const header = /^\*(\d+)\r\n/.exec(buffer);
  if (!header) return null;
  let at = header[0].length;
  for (let i = 0; i < Number(header[1]); i += 1) {
    const bulk = /^\$(\d+)\r\n/.exec(buffer.slice(at));
    if (!bulk) return null;
    at += bulk[0].length + Number(bulk[1]) + 2;
    if (at > buffer.length) return null;
  }
  return { rest: buffer.slice(at) };
}

describe('RedisConnection', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  it('open() on a port where nothing listens rejects quickly, naming the URL but not the password', async () => {
    const port = await closedPort();
    const { message, ms } = await openFailure(`redis://:secretpass@127.0.0.1:${port}`);
    expect(message).toContain(`redis at redis://127.0.0.1:${port} is unreachable:`);
    expect(message).not.toContain('secretpass');
    expect(ms).toBeLessThan(4000);
  });

  it('open() gives up within a few seconds on a server that never answers', async () => {
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    const port = await listen(silent);
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const { message, ms } = await openFailure(`redis://:secretpass@127.0.0.1:${port}`);
    expect(message).toContain(`redis at redis://127.0.0.1:${port} is unreachable:`);
    expect(message).not.toContain('secretpass');
    expect(ms).toBeLessThan(8000);
  });

  it('open() on a server that takes the connection but refuses every command rejects with its reason', async () => {
    const sockets: Socket[] = [];
    const locked = createServer((socket) => {
      sockets.push(socket);
      let pending = '';
      socket.on('data', (chunk: Buffer) => {
        pending += chunk.toString('latin1');
        let taken: { rest: string } | null;
        while ((taken = takeCommand(pending))) {
          pending = taken.rest;
          socket.write('-NOAUTH Authentication required.\r\n');
        }
      });
    });
    const port = await listen(locked);
    cleanups.push(() => {
      for (const socket of sockets) socket.destroy();
      locked.close();
    });
    const { message, ms } = await openFailure(`redis://127.0.0.1:${port}`);
    expect(message).toBe(`redis at redis://127.0.0.1:${port} is unreachable: NOAUTH Authentication required.`);
    expect(ms).toBeLessThan(8000);
  });

  it('open() on a cluster none of whose nodes answers rejects quickly, naming the nodes but no password', async () => {
    const ports = [await closedPort(), await closedPort()];
    const connection = new RedisConnection({
      config: {
        redisUrl: 'redis://unused:6379',
        redisClusterNodes: ports.map((port) => `redis://:secretpass@127.0.0.1:${port}`),
      },
      logger: quiet,
    });
    const started = Date.now();
    const error = await connection.open().then(
      () => new Error('open() resolved'),
      (reason: unknown) => reason,
    );
    await connection.close();
    expect(String(error)).toContain(
      `redis at cluster redis://127.0.0.1:${ports[0]},redis://127.0.0.1:${ports[1]} is unreachable`,
    );
    expect(String(error)).not.toContain('secretpass');
    expect(Date.now() - started).toBeLessThan(4000);
  });

  it('the client getter throws a clear error before open()', () => {
    const connection = new RedisConnection({ config: { redisUrl: 'redis://127.0.0.1:6379' }, logger: quiet });
    expect(() => connection.client).toThrow(/redis at redis:\/\/127\.0\.0\.1:6379 is not open/);
  });

  it('close() is safe when the connection was never opened, and twice', async () => {
    const connection = new RedisConnection({ config: { redisUrl: 'redis://127.0.0.1:6379' }, logger: quiet });
    await connection.close();
    await expect(connection.close()).resolves.toBeUndefined();
  });

  it('its name is redis', () => {
    const connection = new RedisConnection({ config: { redisUrl: 'redis://127.0.0.1:6379' }, logger: quiet });
    expect(connection.name).toBe('redis');
  });
});

describe('redactRedisUrl', () => {
  it('drops the password and keeps the user, host, port and database', () => {
    expect(redactRedisUrl('redis://ada:s3cret@cache.internal:6380/2')).toBe('redis://ada@cache.internal:6380/2');
  });

  it('drops a password given without a user', () => {
    expect(redactRedisUrl('rediss://:s3cret@cache.internal:6380')).toBe('rediss://cache.internal:6380');
  });

  it('leaves a URL without credentials as it is', () => {
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});
