import { z } from 'zod';
import { flag, milliseconds, wholeNumber, type Conflict, type Requirement } from './fields.js';
import { redisClusterNodes, redisSentinels } from './redis-cluster-nodes.js';

export const cacheBackends = ['memory', 'redis'] as const;
export const storeBackends = ['memory', 'mongo'] as const;
export type CacheBackend = (typeof cacheBackends)[number];
export type StoreBackend = (typeof storeBackends)[number];

/** Where Signet listens, what it keeps its state in, and how it logs. */
export const coreShape = {
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  SIGNET_DEMO: flag.optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: wholeNumber(0, 65535, 'accepts a whole number from 0 to 65535').default(3000),
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'accepts an absolute http(s) URL' })
    .refine((url) => !/[?#]/.test(url) && !new URL(url).username, {
      error: 'accepts an absolute http(s) URL without credentials, query or fragment (it names Signet to its clients)',
    })
    .optional(),
  CACHE: z.enum(cacheBackends).default('memory'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'accepts a redis:// or rediss:// URL')
    .optional(),
  REDIS_CLUSTER_NODES: redisClusterNodes.optional(),
  REDIS_SENTINELS: redisSentinels.optional(),
  REDIS_SENTINEL_NAME: z.string().min(1).default('mymaster'),
  REDIS_KEY_PREFIX: z.string().default('signet:'),
  REDIS_WAIT_REPLICAS: wholeNumber(0, 16, 'accepts a whole number from 0 to 16').optional(),
  STORE: z.enum(storeBackends).default('memory'),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, 'accepts a mongodb:// or mongodb+srv:// URL')
    .default('mongodb://127.0.0.1:27017/signet'),
  SIGNET_MASTER_KEY: z
    .string()
    .regex(/^[0-9a-fA-F]{64}$/, 'accepts 64 hex characters (a 256-bit key)')
    .optional(),
  BACKEND_TIMEOUT_MS: milliseconds.default(2000),
  LOG_LEVEL: z.enum(['info', 'warn', 'error', 'silent']).default('info'),
  TRUST_PROXY: flag.default(false),
};

type CoreRaw = z.infer<z.ZodObject<typeof coreShape>>;

const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export const coreRequirements: readonly Requirement[] = [
  {
    name: 'SIGNET_MASTER_KEY',
    when: (env) => env.STORE === 'mongo',
    message: 'is required when STORE=mongo (64 hex characters: SEC keys are encrypted with it)',
  },
  {
    name: 'SIGNET_MASTER_KEY',
    when: (env) => env.NODE_ENV === 'production',
    message: 'is required when NODE_ENV=production (64 hex characters: stored secrets are encrypted with it)',
  },
];

export const coreConflicts: readonly Conflict<CoreRaw>[] = [
  {
    name: 'REDIS_CLUSTER_NODES',
    when: (raw) => raw.REDIS_CLUSTER_NODES !== undefined && raw.REDIS_URL !== undefined,
    message: 'cannot be set together with REDIS_URL (one names a cluster, the other a single server: set one of them)',
  },
  {
    name: 'REDIS_SENTINELS',
    when: (raw) => raw.REDIS_SENTINELS !== undefined && (raw.REDIS_URL !== undefined || raw.REDIS_CLUSTER_NODES !== undefined),
    message: 'cannot be set together with REDIS_URL or REDIS_CLUSTER_NODES (the Sentinels name the master: set one of them)',
  },
];

export interface CoreConfig {
  env: CoreRaw['NODE_ENV'];
  isProduction: boolean;
  /**
   * Whether the published demo (keys, users, a public session secret) is put in place: on a memory
   * store, or where SIGNET_DEMO=1 asks for it; never in production.
   */
  demo: boolean;
  host: string;
  port: number;
  publicUrl: string | undefined;
  cache: CacheBackend;
  /** The single Redis server, when no cluster is named. */
  redisUrl: string;
  /** The Redis Cluster nodes to discover the cluster from (`redis://host:port` each); null for a single server. */
  redisClusterNodes: readonly string[] | null;
  /** Sentinels watching the master named `redisSentinelName` (`redis://host:port` each); null without Sentinel. */
  redisSentinels: readonly string[] | null;
  redisSentinelName: string;
  redisKeyPrefix: string;
  /**
   * How many replicas must acknowledge each write that guards against a replay before it counts
   * (REDIS_WAIT_REPLICAS); null: 1 where every master is seen to have a replica, 0 otherwise.
   */
  redisWaitReplicas: number | null;
  store: StoreBackend;
  mongoUrl: string;
  masterKey: string | undefined;
  /** How long a call to Redis or MongoDB may take before the request is refused with 503. */
  backendTimeoutMs: number;
  logLevel: CoreRaw['LOG_LEVEL'];
  trustProxy: boolean;
}

export function readCore(raw: CoreRaw): CoreConfig {
  const isProduction = raw.NODE_ENV === 'production';
  return {
    env: raw.NODE_ENV,
    isProduction,
    demo: !isProduction && (raw.SIGNET_DEMO ?? raw.STORE === 'memory'),
    host: raw.HOST,
    port: raw.PORT,
    publicUrl: raw.PUBLIC_URL,
    cache: raw.CACHE,
    redisUrl: raw.REDIS_URL ?? DEFAULT_REDIS_URL,
    redisClusterNodes: raw.REDIS_CLUSTER_NODES ?? null,
    redisSentinels: raw.REDIS_SENTINELS ?? null,
    redisSentinelName: raw.REDIS_SENTINEL_NAME,
    redisKeyPrefix: raw.REDIS_KEY_PREFIX,
    redisWaitReplicas: raw.REDIS_WAIT_REPLICAS ?? null,
    store: raw.STORE,
    mongoUrl: raw.MONGO_URL,
    masterKey: raw.SIGNET_MASTER_KEY,
    backendTimeoutMs: raw.BACKEND_TIMEOUT_MS,
    logLevel: raw.LOG_LEVEL,
    trustProxy: raw.TRUST_PROXY,
  };
}
