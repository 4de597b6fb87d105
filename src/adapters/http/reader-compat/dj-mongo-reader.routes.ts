import { Router, type RouterMiddleware } from '@koa/router';
import { z } from 'zod';
import { documented, type RouteDocs } from '../openapi/route-docs.js';
import type { ReaderAnswers } from '../reader/reader-answers.js';
import type { ReaderContext, ReaderState } from '../reader/reader-state.js';
import type { BaseState, SignetRouter } from '../signet-context.js';

export interface DjMongoReaderRoutesParts {
  /** READER_SOURCE, named by `info/` where dj-mongo-reader named its client's class. */
  source: string;
  answers: ReaderAnswers;
}

const docs = (summary: string): RouteDocs => ({
  summary,
  tags: ['MongoDB reader'],
  responses: {
    200: { description: 'dj-mongo-reader’s answer', schema: z.record(z.string(), z.unknown()) },
    401: { description: 'Nobody is authenticated: neither a signed request nor a logged-in browser' },
  },
});

/**
 * The URLs dj-mongo-reader answered that Signet has no use for, answered as it did (READER_COMPAT=
 * dj-mongo-reader): `info/`, a collection's bare URL (`{}`), and an unknown `_command`
 * (`{"error": "no command found", "ok": 0}`). Mounted after the reader's own routes, so only what
 * they do not take reaches these; each still needs a session or a signature.
 */
export function djMongoReaderRoutes(
  parts: DjMongoReaderRoutesParts,
  guarded: readonly RouterMiddleware<ReaderState>[],
): SignetRouter {
  const router = new Router<BaseState>();
  const { answers } = parts;

  router.get<ReaderState>(
    '/mongo/info/',
    ...guarded,
    answers.around,
    documented(docs('What serves the reader')),
    (ctx: ReaderContext) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { client_clz: `signet (READER_SOURCE=${parts.source})` };
    },
  );
  router.get<ReaderState>(
    '/mongo/:db/:col/',
    ...guarded,
    answers.around,
    documented(docs('A collection’s bare URL: an empty answer')),
    (ctx: ReaderContext) => {
      ctx.set('Cache-Control', 'no-store');
      ctx.body = {};
    },
  );
  router.get<ReaderState>(
    '/mongo/:db/:col/:command',
    ...guarded,
    answers.around,
    documented(docs('An unknown command: "no command found"')),
    async (ctx: ReaderContext, next) => {
      // dj-mongo-reader's commands were `_<name>`; any other last step was not its URL at all.
      if (!(ctx.params.command ?? '').startsWith('_')) {
        await next();
        return;
      }
      ctx.set('Cache-Control', 'no-store');
      ctx.body = { error: 'no command found', ok: 0 };
    },
  );
  return router;
}
