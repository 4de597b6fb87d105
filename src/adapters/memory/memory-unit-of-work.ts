import type { UnitOfWork } from '../../domain/backends/unit-of-work.port.js';

/** A memory store is one copy in one process: every read already sees every earlier write. */
export class MemoryUnitOfWork implements UnitOfWork {
  run<T>(work: () => Promise<T>): Promise<T> {
    return work();
  }
}
