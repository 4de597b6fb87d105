import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { DEVELOPMENT_SESSION_SECRET } from '../../../src/config/config.schema.js';
import { loadConfig } from '../../../src/config/load-config.js';
import { configProblems } from '../../support/config-problems.js';

const production = { NODE_ENV: 'production', SESSION_SECRET: 's'.repeat(40), SIGNET_MASTER_KEY: 'ab'.repeat(32) };

describe('the configuration of processes, limits and production', () => {
  it('runs one process with a 10 s grace, a 1 MiB body limit, 60 s for a head and the format left to the mode by default', () => {
    expect(loadConfig({})).toMatchObject({
      workers: 1,
      shutdownGraceMs: 10_000,
      limits: {
        targetBytes: 8192,
        bodyBytes: 1_048_576,
        queryParameters: 100,
        headers: 100,
        headersTimeoutMs: 60_000,
        requestTimeoutMs: 120_000,
      },
      logFormat: undefined,
      redisClusterNodes: null,
      redisUrl: 'redis://127.0.0.1:6379',
      apiAuth: { debug: false },
    });
  });

  it('takes the time a client has for a head, and for a whole request, from the environment, the head no longer than the whole', () => {
    expect(loadConfig({ HTTP_HEADERS_TIMEOUT_MS: '5000', HTTP_REQUEST_TIMEOUT_MS: '9000' }).limits).toMatchObject({
      headersTimeoutMs: 5000,
      requestTimeoutMs: 9000,
    });
    expect(configProblems({ HTTP_HEADERS_TIMEOUT_MS: '90000', HTTP_REQUEST_TIMEOUT_MS: '60000' })).toEqual([
      'HTTP_HEADERS_TIMEOUT_MS: must not be longer than HTTP_REQUEST_TIMEOUT_MS (the head is part of the request)',
    ]);
  });

  it('reads WORKERS as a number, or as one per core for auto', () => {
    expect(loadConfig({ WORKERS: '3', CACHE: 'redis' }).workers).toBe(3);
    expect(loadConfig({ WORKERS: 'auto', CACHE: 'redis' }).workers).toBe(availableParallelism());
  });

  it('refuses a WORKERS that is not auto or a whole number from 1 to 256', () => {
    for (const value of ['0', '-1', '2.5', 'many', '257', '01']) {
      expect(configProblems({ WORKERS: value, CACHE: 'redis' }), value).toEqual([
        `WORKERS=${JSON.stringify(value)}: accepts auto or a whole number from 1 to 256`,
      ]);
    }
  });

  it('refuses more than one worker on a memory cache, in one line, in any mode', () => {
    const line =
      'WORKERS: more than one worker needs CACHE=redis (a memory cache lives in one process: workers would not share nonces, tokens or sessions)';
    expect(configProblems({ WORKERS: '2' })).toEqual([line]);
    expect(configProblems({ ...production, WORKERS: '4', CACHE: 'memory' })).toEqual([line]);
    expect(configProblems({ WORKERS: '1' })).toEqual([]);
  });

  it('takes the grace period and the body limit from the environment', () => {
    expect(loadConfig({ SHUTDOWN_GRACE_MS: '2500', REQUEST_BODY_LIMIT_BYTES: '4096' })).toMatchObject({
      shutdownGraceMs: 2500,
      limits: { bodyBytes: 4096 },
    });
    expect(configProblems({ REQUEST_BODY_LIMIT_BYTES: '12' })).toEqual([
      'REQUEST_BODY_LIMIT_BYTES="12": accepts a whole number of bytes from 1024 to 1073741824',
    ]);
  });

  it('in production, refuses each missing or short secret with one line each', () => {
    expect(configProblems({ NODE_ENV: 'production', SESSION_SECRET: 'short', SIGNET_MASTER_KEY: 'abc' })).toEqual([
      'SIGNET_MASTER_KEY: accepts 64 hex characters (a 256-bit key)',
      'SESSION_SECRET: accepts a random string of 32 characters or more',
    ]);
    expect(configProblems({ ...production, SESSION_SECRET: DEVELOPMENT_SESSION_SECRET })).toEqual([
      'SESSION_SECRET: is the public development secret, which cannot sign sessions when NODE_ENV=production (set a random string of 32 characters or more)',
    ]);
    expect(configProblems(production)).toEqual([]);
  });

  it('refuses API_AUTH_DEBUG in production, and reads it elsewhere', () => {
    expect(configProblems({ ...production, API_AUTH_DEBUG: '1' })).toEqual([
      'API_AUTH_DEBUG: cannot be on when NODE_ENV=production (refused requests would be told what the server signed)',
    ]);
    expect(configProblems({ ...production, API_AUTH_DEBUG: '0' })).toEqual([]);
    expect(loadConfig({ API_AUTH_DEBUG: 'true' }).apiAuth.debug).toBe(true);
  });

  it('reads a Redis Cluster from its nodes, as host:port or URLs', () => {
    expect(loadConfig({ REDIS_CLUSTER_NODES: '10.0.0.1:7000, redis-b:7001,[::1]:7002' }).redisClusterNodes).toEqual([
      'redis://10.0.0.1:7000',
      'redis://redis-b:7001',
      'redis://[::1]:7002',
    ]);
    expect(loadConfig({ REDIS_CLUSTER_NODES: 'rediss://user:pw@node-1:7000' }).redisClusterNodes).toEqual([
      'rediss://user:pw@node-1:7000',
    ]);
  });

  it('refuses a malformed cluster node list, and a cluster named together with REDIS_URL', () => {
    const message = 'accepts a comma-separated list of host:port (or redis:// and rediss:// URLs) naming Redis Cluster nodes';
    for (const value of ['node-1', 'node-1:', 'node-1:70000', 'a:1,,b:2', 'http://node:7000']) {
      expect(configProblems({ REDIS_CLUSTER_NODES: value }), value).toEqual([
        `REDIS_CLUSTER_NODES=${JSON.stringify(value)}: ${message}`,
      ]);
    }
    expect(configProblems({ REDIS_CLUSTER_NODES: 'a:7000', REDIS_URL: 'redis://b:6379' })).toEqual([
      'REDIS_CLUSTER_NODES: cannot be set together with REDIS_URL (one names a cluster, the other a single server: set one of them)',
    ]);
  });

  it('reads REDIS_WAIT_REPLICAS as a whole number, and leaves it to the replicas seen when unset', () => {
    expect(loadConfig({ REDIS_WAIT_REPLICAS: '0' }).redisWaitReplicas).toBe(0);
    expect(loadConfig({ REDIS_WAIT_REPLICAS: '2' }).redisWaitReplicas).toBe(2);
    expect(loadConfig({}).redisWaitReplicas).toBeNull();
    expect(configProblems({ REDIS_WAIT_REPLICAS: 'one' })).toEqual([
      'REDIS_WAIT_REPLICAS="one": accepts a whole number from 0 to 16',
    ]);
  });

  it('reads Sentinels and the name of their master, and refuses them beside REDIS_URL or a cluster', () => {
    const config = loadConfig({ REDIS_SENTINELS: 's1:26379,s2:26379', REDIS_SENTINEL_NAME: 'signet' });
    expect(config.redisSentinels).toEqual(['redis://s1:26379', 'redis://s2:26379']);
    expect(config.redisSentinelName).toBe('signet');
    expect(loadConfig({}).redisSentinels).toBeNull();
    const conflict =
      'REDIS_SENTINELS: cannot be set together with REDIS_URL or REDIS_CLUSTER_NODES (the Sentinels name the master: set one of them)';
    expect(configProblems({ REDIS_SENTINELS: 's1:26379', REDIS_URL: 'redis://b:6379' })).toEqual([conflict]);
    expect(configProblems({ REDIS_SENTINELS: 's1:26379', REDIS_CLUSTER_NODES: 'a:7000' })).toEqual([conflict]);
  });
});
