/** Refused signed requests of one key (null: unknown or absent), for one reason, on one UTC day. */
export interface FailureCount {
  readonly apiKey: string | null;
  /** The refusal's stable code, such as `api_auth.signature_error`. */
  readonly reason: string;
  /** `YYYY-MM-DD`, UTC. */
  readonly day: string;
  readonly count: number;
  /** The first and last refusal counted, ms since the epoch. */
  readonly firstAt: number;
  readonly lastAt: number;
}

/** Failure counts summed over days, per key and reason. */
export interface FailureSummary {
  readonly apiKey: string | null;
  readonly reason: string;
  readonly count: number;
  readonly firstAt: number;
  readonly lastAt: number;
}

/** Which stored counts to read; days are `YYYY-MM-DD`, both ends included. */
export interface FailureFilter {
  /** A key; null for unknown keys; absent for all. */
  readonly apiKey?: string | null;
  readonly reason?: string;
  readonly sinceDay?: string;
  readonly untilDay?: string;
}

export function utcDay(at: number): string {
  return new Date(at).toISOString().slice(0, 10);
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * Sums refusals in memory, so that counting one costs a Map update on the request path; the sums
 * are drained and written out from time to time. Its size is bounded by the keys the store knows
 * times the reasons times the days between drains, since unknown keys all count under null.
 */
export class FailureTally {
  private readonly counts = new Map<string, Mutable<FailureCount>>();
  /** The UTC day of the last refusal counted, so that the date is formatted once a day, not per refusal. */
  private today = { from: 0, to: 0, day: '' };

  add(apiKey: string | null, reason: string, at: number, count = 1): void {
    const day = this.dayOf(at);
    const slot = `${apiKey ?? ''}\u0000${apiKey === null ? 0 : 1}\u0000${reason}\u0000${day}`;
    const existing = this.counts.get(slot);
    if (existing) {
      existing.count += count;
      existing.firstAt = Math.min(existing.firstAt, at);
      existing.lastAt = Math.max(existing.lastAt, at);
    } else {
      this.counts.set(slot, { apiKey, reason, day, count, firstAt: at, lastAt: at });
    }
  }

  /** Puts counts back, as when writing them out failed. */
  restore(counts: readonly FailureCount[]): void {
    for (const count of counts) {
      this.add(count.apiKey, count.reason, count.firstAt, count.count);
      this.add(count.apiKey, count.reason, count.lastAt, 0);
    }
  }

  /** Every count summed since the last drain; the tally is empty afterwards. */
  drain(): FailureCount[] {
    const drained = [...this.counts.values()];
    this.counts.clear();
    return drained;
  }

  get size(): number {
    return this.counts.size;
  }

  private dayOf(at: number): string {
    if (at >= this.today.from && at < this.today.to) return this.today.day;
    const from = Math.floor(at / DAY_MS) * DAY_MS;
    this.today = { from, to: from + DAY_MS, day: utcDay(at) };
    return this.today.day;
  }
}

const DAY_MS = 86_400_000;

/** Counts summed over their days, per key and reason, the largest first. */
export function summarizeFailures(counts: readonly FailureCount[]): FailureSummary[] {
  const sums = new Map<string, Mutable<FailureSummary>>();
  for (const count of counts) {
    const slot = `${count.apiKey ?? ''}\u0000${count.apiKey === null ? 0 : 1}\u0000${count.reason}`;
    const sum = sums.get(slot);
    if (sum) {
      sum.count += count.count;
      sum.firstAt = Math.min(sum.firstAt, count.firstAt);
      sum.lastAt = Math.max(sum.lastAt, count.lastAt);
    } else {
      sums.set(slot, {
        apiKey: count.apiKey,
        reason: count.reason,
        count: count.count,
        firstAt: count.firstAt,
        lastAt: count.lastAt,
      });
    }
  }
  return [...sums.values()].sort((a, b) => b.count - a.count || b.lastAt - a.lastAt);
}

export function matchesFailureFilter(count: FailureCount, filter: FailureFilter): boolean {
  return (
    (filter.apiKey === undefined || count.apiKey === filter.apiKey) &&
    (filter.reason === undefined || count.reason === filter.reason) &&
    (filter.sinceDay === undefined || count.day >= filter.sinceDay) &&
    (filter.untilDay === undefined || count.day <= filter.untilDay)
  );
}
