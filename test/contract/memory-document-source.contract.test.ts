import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { documentSourceContract } from './document-source.contract.js';

documentSourceContract('MemoryDocumentSource', async () => {
  const source = new MemoryDocumentSource();
  return { source, database: (name) => name, close: () => source.close() };
});
