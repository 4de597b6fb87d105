import { availableParallelism } from 'node:os';
import { z } from 'zod';
import { milliseconds, wholeNumber, type Conflict } from './fields.js';

/** The most worker processes WORKERS may ask for. */
const MAX_WORKERS = 256;

const workerCount = z
  .string()
  .refine((value) => value === 'auto' || (/^[1-9]\d{0,2}$/.test(value) && Number(value) <= MAX_WORKERS), {
    error: `accepts auto or a whole number from 1 to ${MAX_WORKERS}`,
  })
  .transform((value) => (value === 'auto' ? availableParallelism() : Number(value)));

/** Running Signet as a service: processes, shutdown, what one request may send, the log's format. */
export const operationShape = {
  WORKERS: workerCount.default(1),
  SHUTDOWN_GRACE_MS: milliseconds.default(10_000),
  REQUEST_BODY_LIMIT_BYTES: wholeNumber(1024, 1024 ** 3, 'accepts a whole number of bytes from 1024 to 1073741824').default(
    1024 * 1024,
  ),
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** nginx's client_header_timeout: a client must send a request's whole head within this. */
  HTTP_HEADERS_TIMEOUT_MS: milliseconds.default(60_000),
  /** The whole request, head and body: nginx's header and body timeouts (60 s each) end to end. */
  HTTP_REQUEST_TIMEOUT_MS: milliseconds.default(120_000),
};

type OperationRaw = z.infer<z.ZodObject<typeof operationShape>>;

/** Combinations that cannot work, whatever the mode. */
export const operationConflicts: readonly Conflict<OperationRaw & { CACHE: string }>[] = [
  {
    name: 'HTTP_HEADERS_TIMEOUT_MS',
    when: (raw) => raw.HTTP_HEADERS_TIMEOUT_MS > raw.HTTP_REQUEST_TIMEOUT_MS,
    message: 'must not be longer than HTTP_REQUEST_TIMEOUT_MS (the head is part of the request)',
  },
  {
    name: 'WORKERS',
    when: (raw) => raw.WORKERS > 1 && raw.CACHE === 'memory',
    message:
      'more than one worker needs CACHE=redis (a memory cache lives in one process: workers would not share nonces, tokens or sessions)',
  },
];

export interface OperationConfig {
  /** How many processes serve on the port: 1 runs in this process, more under node:cluster. */
  workers: number;
  /** How long a stopping process lets requests in flight finish, in ms. */
  shutdownGraceMs: number;
  /** Limits on one request, beyond which it is refused before any route runs. */
  limits: RequestLimits;
  /** `json`, one object per line; `pretty` for a person at a terminal. Unset: pretty in development. */
  logFormat: 'json' | 'pretty' | undefined;
}

export interface RequestLimits {
  /** A request target (path and query) longer than this gets 414. */
  targetBytes: number;
  /** A body larger than this gets 413. */
  bodyBytes: number;
  /** A query with more parameters than this gets 400. */
  queryParameters: number;
  /** A request with more header lines than this gets 431. */
  headers: number;
  /** A client that has not sent a request's whole head after this many ms gets 408, and the connection ends. */
  headersTimeoutMs: number;
  /** The same for the whole request, head and body. */
  requestTimeoutMs: number;
}

export function readOperation(raw: OperationRaw): OperationConfig {
  return {
    workers: raw.WORKERS,
    shutdownGraceMs: raw.SHUTDOWN_GRACE_MS,
    limits: {
      targetBytes: 8 * 1024,
      bodyBytes: raw.REQUEST_BODY_LIMIT_BYTES,
      queryParameters: 100,
      headers: 100,
      headersTimeoutMs: raw.HTTP_HEADERS_TIMEOUT_MS,
      requestTimeoutMs: raw.HTTP_REQUEST_TIMEOUT_MS,
    },
    logFormat: raw.LOG_FORMAT,
  };
}
