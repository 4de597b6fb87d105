import { LATE, withinDeadline } from '../deadline.js';

/** A server whose replicas are counted: its address, and how to read its `INFO replication`. */
export interface CountedServer {
  address: string;
  replicationInfo(): Promise<string>;
}

/** How often the counts are read again, and how long one reading may take. */
const REFRESH_MS = 1000;
const READ_DEADLINE_MS = 1000;

/**
 * How many replicas each master has in sync just now, read from `INFO replication` every second.
 * A write is waited on only for the replicas its master has: a master whose replica was lost (or
 * promoted after the master's own loss, with none of its own) is not waited on, rather than every
 * write to it refused.
 */
export class ReplicaCounts {
  private readonly counts = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly servers: () => readonly CountedServer[]) {}

  start(): void {
    this.timer ??= setInterval(() => void this.readAll(), REFRESH_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** The replicas in sync with the master at `address`; read now when not known yet; null when it does not say. */
  async of(address: string): Promise<number | null> {
    const known = this.counts.get(address);
    if (known !== undefined) return known;
    const server = this.servers().find((candidate) => candidate.address === address);
    return server ? this.read(server) : null;
  }

  private async readAll(): Promise<void> {
    if (this.reading) return;
    this.reading = true;
    try {
      await Promise.all(this.servers().map((server) => this.read(server)));
    } finally {
      this.reading = false;
    }
  }

  private async read(server: CountedServer): Promise<number | null> {
    try {
      const info = await withinDeadline(server.replicationInfo(), READ_DEADLINE_MS);
      if (info === LATE) return null;
      const count = replicasInSync(info);
      this.counts.set(server.address, count);
      return count;
    } catch {
      // Down or frozen: the WAIT on it fails as well, and says so.
      return null;
    }
  }
}

/**
 * The replicas of an `INFO replication` reply that are in sync (`state=online`): one still loading
 * its first copy cannot acknowledge a write until it is done, and is not waited for until then.
 */
export function replicasInSync(info: string): number {
  return info.split(/\r?\n/).filter((line) => /^slave\d+:.*\bstate=online\b/.test(line)).length;
}
