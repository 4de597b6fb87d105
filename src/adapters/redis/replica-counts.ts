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
 * How many replicas each master must acknowledge a write, read from `INFO replication` every second:
 * the replicas it has in sync, and at least one for a master that has had one in sync under its
 * present replication id. So a replica promoted after its master's loss, which has none of its own
 * yet, is not waited on (rather than every write to it refused); but a master that lost its replica
 * is, and its writes are refused until a replica is back. That is what keeps a frozen master that
 * wakes up after its replica took over (still a master for a moment, with no replica) from
 * acknowledging a nonce that the sync from the new master then erases.
 */
export class ReplicaCounts {
  private readonly counts = new Map<string, number>();
  /** `address replication-id` of every master seen with a replica in sync. */
  private readonly replicated = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private reading = false;

  constructor(private readonly servers: () => readonly CountedServer[]) {}

  start(): void {
    this.timer ??= setInterval(() => void this.refresh(), REFRESH_MS);
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

  /** Reads every master's count again (what the timer does each second). */
  async refresh(): Promise<void> {
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
      const inSync = replicasInSync(info);
      const identity = `${server.address} ${replicationId(info)}`;
      if (inSync > 0) this.replicated.add(identity);
      const count = inSync === 0 && this.replicated.has(identity) ? 1 : inSync;
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

/** The replication id of an `INFO replication` reply: a replica promoted to master takes a new one. */
export function replicationId(info: string): string {
  return /^master_replid:(\S+)/m.exec(info)?.[1] ?? '';
}
