import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { documentSourceContract } from './document-source.contract.js';

documentSourceContract('MemoryDocumentSource', async () => ({
  source: new MemoryDocumentSource(),
  database: (name) => name,
  close: async () => {},
}));
