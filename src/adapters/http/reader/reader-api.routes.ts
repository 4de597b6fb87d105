import { Router } from '@koa/router';
import type { CountDocuments } from '../../../application/reader/count-documents.js';
import type { ExplainReaderDecision } from '../../../application/reader/explain-reader-decision.js';
import type { ExportDocuments } from '../../../application/reader/export-documents.js';
import type { FindDocuments } from '../../../application/reader/find-documents.js';
import type { ListReadableCollections } from '../../../application/reader/list-readable-collections.js';
import type { ShowCollectionStatus } from '../../../application/reader/show-collection-status.js';
import type { SummarizeFields } from '../../../application/reader/summarize-fields.js';
import type { Logger } from '../../../domain/shared/logger.port.js';
import { single } from '../../../domain/reader/reader-request.js';
import { documented } from '../openapi/route-docs.js';
import type { BaseState, SignetRouter } from '../signet-context.js';
import { exportFileName, sendCsv } from './csv-export.js';
import { readerApiDocs } from './reader-api.docs.js';
import type { ReaderAuthMiddleware } from './reader-auth.middleware.js';
import { nativeReaderAnswers, type ReaderAnswers } from './reader-answers.js';
import { answer, rawRequest, readerJsonErrors } from './reader-json.js';
import type { ReaderContext, ReaderState } from './reader-state.js';

export interface ReaderApiDeps {
  logger: Logger;
  findDocuments: FindDocuments;
  countDocuments: CountDocuments;
  showCollectionStatus: ShowCollectionStatus;
  exportDocuments: ExportDocuments;
  summarizeFields: SummarizeFields;
  listReadableCollections: ListReadableCollections;
  explainReaderDecision: ExplainReaderDecision;
}

/**
 * dj-mongo-reader's URLs under `/mongo/`, each an entry point a signed request may call as well as
 * a logged-in browser: `_find`, `_count`, `_status` and `exportcsv/`, plus Signet's `_overview`
 * (the field overview), `_explain` (which rule decides) and `_collections` (what the caller may read).
 * `answers` writes what they find: Signet's own answers, or another reader's (READER_COMPAT).
 */
export function readerApiRoutes(
  deps: ReaderApiDeps,
  readerAuth: () => ReaderAuthMiddleware,
  answers: ReaderAnswers = nativeReaderAnswers,
): SignetRouter {
  const router = new Router<BaseState>();
  const guarded = [readerJsonErrors(deps.logger), readerAuth(), answers.around] as const;

  router.get<ReaderState>('/mongo/:db/:col/_find', ...guarded, documented(readerApiDocs.find), async (ctx: ReaderContext) => {
    const { result, spanMs } = await deps.findDocuments.execute(ctx.state.caller, answers.findRequest(ctx, rawRequest(ctx)));
    answers.documents(ctx, result, spanMs);
  });
  router.get<ReaderState>('/mongo/:db/:col/_count', ...guarded, documented(readerApiDocs.count), async (ctx: ReaderContext) => {
    const { result, spanMs } = await deps.countDocuments.execute(ctx.state.caller, rawRequest(ctx));
    answer(ctx, { count: result }, spanMs);
  });
  router.get<ReaderState>('/mongo/:db/:col/_status', ...guarded, documented(readerApiDocs.status), async (ctx: ReaderContext) => {
    const { result, spanMs } = await deps.showCollectionStatus.execute(ctx.state.caller, rawRequest(ctx));
    answers.status(ctx, result, spanMs);
  });
  router.get<ReaderState>(
    '/mongo/:db/:col/_overview',
    ...guarded,
    documented(readerApiDocs.overview),
    async (ctx: ReaderContext) => {
      const { result, spanMs } = await deps.summarizeFields.execute(ctx.state.caller, rawRequest(ctx));
      const fields = result.fields.map((field) => ({
        ...field,
        values: field.values.map((value) => ({ ...value, filter: answers.value(value.filter) })),
      }));
      answer(ctx, { sampled: result.sampled, fields }, spanMs);
    },
  );
  router.get<ReaderState>(
    '/mongo/:db/:col/_explain',
    ...guarded,
    documented(readerApiDocs.explain),
    async (ctx: ReaderContext) => {
      const raw = rawRequest(ctx);
      const explanation = await deps.explainReaderDecision.execute(ctx.state.caller, { ...raw, command: single(raw, 'command') });
      answer(ctx, { explanation }, 0);
    },
  );
  router.get<ReaderState>(
    '/mongo/_collections',
    ...guarded,
    documented(readerApiDocs.collections),
    async (ctx: ReaderContext) => {
      const collections = await deps.listReadableCollections.execute(ctx.state.caller);
      answer(ctx, { collections: collections.map(({ database, collection }) => ({ db: database, col: collection })) }, 0);
    },
  );
  // Named for dj-mongo-reader's URL (with its slash); the pattern without one takes both spellings.
  router.get<ReaderState>(
    'GET /mongo/:db/:col/exportcsv/',
    '/mongo/:db/:col/exportcsv',
    ...guarded,
    documented(readerApiDocs.export),
    async (ctx: ReaderContext) => {
      const raw = rawRequest(ctx);
      const exported = await deps.exportDocuments.execute(ctx.state.caller, raw);
      sendCsv(ctx, exported, exportFileName(single(raw, 'exportfn'), `${raw.collection}.csv`));
    },
  );
  return router;
}
