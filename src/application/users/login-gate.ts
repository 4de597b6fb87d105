/**
 * Bounds the password checks waiting in this process: at most one per username at a time, and at
 * most `capacity` in all. A login beyond that is refused at once rather than queued, so that a burst
 * costs the attacker a refusal each and nobody else a wait. (Counting attempts, which is what limits
 * guessing, happens in the shared cache; this only bounds the work one process takes on.)
 */
export class LoginGate {
  private readonly pending = new Set<string>();

  constructor(private readonly capacity: number) {}

  /** Reserves a slot for `username`; false when its slot is taken or the gate is full. */
  enter(username: string): boolean {
    if (this.pending.has(username) || this.pending.size >= this.capacity) return false;
    this.pending.add(username);
    return true;
  }

  leave(username: string): void {
    this.pending.delete(username);
  }
}
