import { MemoryDocumentSource } from '../../src/adapters/memory/memory-document-source.js';
import { MemoryUserDirectory } from '../../src/adapters/memory/memory-user-directory.js';
import { AuthorizeReaderQuery, RULES_ONLY } from '../../src/application/reader/authorize-reader-query.js';
import { CountDocuments } from '../../src/application/reader/count-documents.js';
import { ExplainReaderDecision } from '../../src/application/reader/explain-reader-decision.js';
import { ExportDocuments } from '../../src/application/reader/export-documents.js';
import { FindDocuments } from '../../src/application/reader/find-documents.js';
import { ListReadableCollections } from '../../src/application/reader/list-readable-collections.js';
import { DEMO_NAMESPACE, DEMO_POLICY_JSON, demoDocuments } from '../../src/application/reader/reader-demo.js';
import { ShowCollectionStatus } from '../../src/application/reader/show-collection-status.js';
import { SummarizeFields } from '../../src/application/reader/summarize-fields.js';
import type { Logger } from '../../src/domain/shared/logger.port.js';
import type { QueryPermissionHook } from '../../src/domain/reader/query-permission-hook.port.js';
import { DEFAULT_READER_LIMITS, type ReaderLimits } from '../../src/domain/reader/reader-limits.js';
import { parseReaderPolicy } from '../../src/domain/reader/reader-policy.js';
import { FixedClock } from './fixed-clock.js';
import { aUser } from './user-mother.js';

/** Every log line, kept for a test to look at. */
export class RecordingLogger implements Logger {
  readonly lines: { level: string; message: string; fields?: Readonly<Record<string, unknown>> }[] = [];
  info(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'info', message, ...(fields ? { fields } : {}) });
  }
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'warn', message, ...(fields ? { fields } : {}) });
  }
  error(message: string, fields?: Readonly<Record<string, unknown>>): void {
    this.lines.push({ level: 'error', message, ...(fields ? { fields } : {}) });
  }
}

export interface ReaderUseCaseOptions {
  policy?: unknown;
  hook?: QueryPermissionHook;
  limits?: Partial<ReaderLimits>;
}

/** The reader's use cases over a memory source holding the demo collection, with the demo's users and (by default) policy. */
export async function readerUseCases(options: ReaderUseCaseOptions = {}) {
  const documentSource = new MemoryDocumentSource();
  await documentSource.seedIfEmpty(DEMO_NAMESPACE, demoDocuments());
  const userDirectory = new MemoryUserDirectory();
  for (const user of [
    aUser({ username: 'user1' }),
    aUser({ username: 'user2' }),
    aUser({ username: 'admin', isStaff: true }),
    aUser({ username: 'gone', isActive: false }),
  ]) {
    await userDirectory.save(user);
  }
  const logger = new RecordingLogger();
  const readerPolicy = parseReaderPolicy(options.policy ?? DEMO_POLICY_JSON);
  const queryPermissionHook = options.hook ?? RULES_ONLY;
  const config = { reader: { limits: { ...DEFAULT_READER_LIMITS, ...options.limits } } };
  const clock = new FixedClock();
  const authorizeReaderQuery = new AuthorizeReaderQuery({ userDirectory, readerPolicy, queryPermissionHook, logger });
  const common = { authorizeReaderQuery, documentSource, clock, config, logger };
  return {
    documentSource,
    userDirectory,
    logger,
    clock,
    authorizeReaderQuery,
    findDocuments: new FindDocuments(common),
    countDocuments: new CountDocuments(common),
    showCollectionStatus: new ShowCollectionStatus(common),
    exportDocuments: new ExportDocuments(common),
    summarizeFields: new SummarizeFields(common),
    listReadableCollections: new ListReadableCollections({
      authorizeReaderQuery,
      documentSource,
      readerPolicy,
      queryPermissionHook,
    }),
    explainReaderDecision: new ExplainReaderDecision({ authorizeReaderQuery }),
  };
}
