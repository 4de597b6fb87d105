import type { UnitOfWork } from '../../domain/backends/unit-of-work.port.js';
import type { MongoConnection } from './mongo-connection.js';

export interface MongoUnitOfWorkDeps {
  mongoConnection: MongoConnection;
}

/**
 * A unit of work is one causally consistent MongoDB session: with majority reads and writes (the
 * connection's defaults), a read after a write of the same unit sees it on any member of a replica
 * set, and across a failover.
 */
export class MongoUnitOfWork implements UnitOfWork {
  constructor(private readonly deps: MongoUnitOfWorkDeps) {}

  run<T>(work: () => Promise<T>): Promise<T> {
    return this.deps.mongoConnection.withinSession(work);
  }
}
