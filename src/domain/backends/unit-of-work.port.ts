/**
 * One piece of work (an HTTP request, a command) as the store sees it: within `run`, a read from
 * the store sees every write made to it earlier in the same work, even when the store keeps several
 * copies that lag one another (a MongoDB replica set). Outside `run`, each operation stands alone.
 */
export interface UnitOfWork {
  /** Runs `work` as one unit and resolves or rejects as it does. */
  run<T>(work: () => Promise<T>): Promise<T>;
}
