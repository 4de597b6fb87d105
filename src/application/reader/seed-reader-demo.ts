import type { DocumentSeeder } from '../../domain/reader/document-source.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';
import { DEMO_NAMESPACE, demoDocuments } from './reader-demo.js';

export interface SeedReaderDemoDeps {
  documentSeeder: DocumentSeeder;
  logger: Logger;
}

/**
 * Puts the demo collection (db1.user_collection1, 100 documents) in place where the demo runs,
 * unless it already holds documents. A source that cannot be reached does not stop the start: the
 * reader answers 503 until it can be, as it would for any other query.
 */
export class SeedReaderDemo {
  constructor(private readonly deps: SeedReaderDemoDeps) {}

  async execute(): Promise<void> {
    try {
      await this.deps.documentSeeder.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
    } catch (error) {
      this.deps.logger.warn('the reader demo collection could not be seeded', {
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
}
