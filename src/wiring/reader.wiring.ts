import { asClass, asValue } from 'awilix';
import type { BackendConnection } from '../adapters/backend-connection.js';
import { MemoryDocumentSource } from '../adapters/memory/memory-document-source.js';
import { MongoConnection } from '../adapters/mongo/mongo-connection.js';
import { MongoDocumentSource } from '../adapters/mongo/mongo-document-source.js';
import { backendGuard } from '../adapters/resilience/backend-guard.js';
import type { LoadedReaderPolicy } from '../adapters/system/reader-policy-loader.js';
import { AuthorizeReaderQuery, RULES_ONLY } from '../application/reader/authorize-reader-query.js';
import { CountDocuments } from '../application/reader/count-documents.js';
import { ExplainReaderDecision } from '../application/reader/explain-reader-decision.js';
import { ExportDocuments } from '../application/reader/export-documents.js';
import { FindDocuments } from '../application/reader/find-documents.js';
import { ListReadableCollections } from '../application/reader/list-readable-collections.js';
import { SeedReaderDemo } from '../application/reader/seed-reader-demo.js';
import { ShowCollectionStatus } from '../application/reader/show-collection-status.js';
import { SummarizeFields } from '../application/reader/summarize-fields.js';
import type { Config } from '../config/config.schema.js';
import type { ReaderSource } from '../config/reader.settings.js';
import type { DocumentSeeder, DocumentSource } from '../domain/reader/document-source.port.js';
import type { Logger } from '../domain/shared/logger.port.js';
import type { QueryPermissionHook } from '../domain/reader/query-permission-hook.port.js';
import type { ReaderPolicySource } from '../domain/reader/policy-source.js';
import type { ReaderPolicy } from '../domain/reader/reader-policy.js';
import type { Wiring } from './wiring.js';

/** The MongoDB reader: its document source, its policy, and one use case per action. */
export interface ReaderCradle {
  documentSource: DocumentSource;
  documentSeeder: DocumentSeeder;
  readerPolicy: ReaderPolicy;
  /** Where the policy came from, and the module's name: what the admin shows of them. */
  readerPolicySource: ReaderPolicySource;
  queryPermissionHook: QueryPermissionHook;
  /** The reader's own connection (READER_SOURCE=mongo), or the memory source's query thread: opened before serving, closed on shutdown. */
  readerConnections: readonly BackendConnection[];
  authorizeReaderQuery: AuthorizeReaderQuery;
  findDocuments: FindDocuments;
  countDocuments: CountDocuments;
  showCollectionStatus: ShowCollectionStatus;
  exportDocuments: ExportDocuments;
  summarizeFields: SummarizeFields;
  listReadableCollections: ListReadableCollections;
  explainReaderDecision: ExplainReaderDecision;
  seedReaderDemo: SeedReaderDemo;
}

/** How long past maxTimeMS a call may take before the server counts as lost: the network's share. */
const NETWORK_MARGIN_MS = 1000;

interface ChosenSource {
  source: DocumentSource & DocumentSeeder;
  connections: BackendConnection[];
}

const sources = {
  memory: (): ChosenSource => {
    // A connection only in that its query thread starts before serving and ends on shutdown.
    const source = new MemoryDocumentSource();
    return { source, connections: [source] };
  },
  mongo: (config: Config, logger: Logger): ChosenSource => {
    const mongoConnection = new MongoConnection({ config, logger });
    const guard = backendGuard({
      role: 'document source',
      timeoutMs: config.reader.limits.maxTimeMs + NETWORK_MARGIN_MS,
      logger,
    });
    const source = guard(new MongoDocumentSource({ mongoConnection }));
    return { source, connections: [mongoConnection] };
  },
} satisfies Record<ReaderSource, (config: Config, logger: Logger) => ChosenSource>;

export function readerWiring(parts: { config: Config; logger: Logger; readerPolicy: LoadedReaderPolicy }): Wiring<ReaderCradle> {
  const { source, connections } = sources[parts.config.reader.source](parts.config, parts.logger);
  return {
    documentSource: asValue(source),
    documentSeeder: asValue(source),
    readerPolicy: asValue(parts.readerPolicy.policy),
    readerPolicySource: asValue({
      origin: parts.readerPolicy.origin,
      file: parts.readerPolicy.origin === 'file' ? (parts.config.reader.policyFile ?? null) : null,
      module: parts.readerPolicy.hook === null ? null : (parts.config.reader.policyModule ?? null),
    }),
    queryPermissionHook: asValue(parts.readerPolicy.hook ?? RULES_ONLY),
    readerConnections: asValue(connections),
    authorizeReaderQuery: asClass(AuthorizeReaderQuery).singleton(),
    findDocuments: asClass(FindDocuments).singleton(),
    countDocuments: asClass(CountDocuments).singleton(),
    showCollectionStatus: asClass(ShowCollectionStatus).singleton(),
    exportDocuments: asClass(ExportDocuments).singleton(),
    summarizeFields: asClass(SummarizeFields).singleton(),
    listReadableCollections: asClass(ListReadableCollections).singleton(),
    explainReaderDecision: asClass(ExplainReaderDecision).singleton(),
    seedReaderDemo: asClass(SeedReaderDemo).singleton(),
  };
}
