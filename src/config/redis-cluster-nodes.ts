import { z } from 'zod';

/** `host:port`, with a host name, an IPv4 address or a bracketed IPv6 address. */
const hostPort = /^(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?):(\d{1,5})$/;

/**
 * REDIS_CLUSTER_NODES: a few nodes of a Redis Cluster (the client discovers the rest from them),
 * each `host:port` or a `redis://` / `rediss://` URL when it needs credentials or TLS. Read as a
 * list of URLs.
 */
export const redisClusterNodes = redisNodeList('Redis Cluster nodes');

/** REDIS_SENTINELS: a few Sentinels watching one Redis master, read as REDIS_CLUSTER_NODES is. */
export const redisSentinels = redisNodeList('Redis Sentinels');

function redisNodeList(naming: string) {
  const message = `accepts a comma-separated list of host:port (or redis:// and rediss:// URLs) naming ${naming}`;
  return z.string().transform((text, context) => {
    const urls: string[] = [];
    for (const entry of text.split(',').map((part) => part.trim())) {
      const url = nodeUrl(entry);
      if (url === null) {
        context.addIssue({ code: 'custom', message });
        return z.NEVER;
      }
      urls.push(url);
    }
    return urls;
  });
}

function nodeUrl(entry: string): string | null {
  if (/^rediss?:\/\//.test(entry)) {
    try {
      // The URL parser refuses a port out of range; a URL without one means Redis's 6379.
      return new URL(entry).hostname !== '' ? entry : null;
    } catch {
      return null;
    }
  }
  const match = hostPort.exec(entry);
  return match && validPort(match[2] ?? '') ? `redis://${entry}` : null;
}

function validPort(port: string): boolean {
  const number = Number(port);
  return port !== '' && Number.isInteger(number) && number >= 1 && number <= 65535;
}
