import type { HttpConnection } from './http-connection.js';
import type { BenchServer } from './servers.js';

/** The servers the scenarios run against; each is started only when a chosen scenario needs it. */
export type ServerName =
  | 'koa'
  | 'hawk'
  | 'hmac'
  | 'reader-direct'
  | 'signet'
  | 'signet-redis'
  | 'signet-cluster'
  | 'signet-logging';

/** One round's work, signed ahead: how to run one unit of it on a connection. */
export interface PreparedRound {
  /** Runs one unit (a request, or a whole handshake); true when every answer was the expected one. */
  run(connection: HttpConnection): Promise<boolean>;
  /** Units the window had to sign itself, because more were served than were signed ahead. */
  signedInWindow(): number;
}

/**
 * What the bench can measure. A capability adds its routes here: a scenario names its server,
 * signs its requests in `prepare` (before the round: the generator does no crypto while it
 * measures) and checks each answer in `run`.
 */
export interface Scenario {
  readonly name: string;
  readonly label: string;
  readonly server: ServerName;
  /** What one unit of work is, for the table: a request, or a whole SSO handshake of several. */
  readonly unit: 'request' | 'handshake';
  /** Runs once, before any round: logging in, say. */
  setup?(server: BenchServer): Promise<void>;
  prepare(server: BenchServer, count: number): PreparedRound;
}
