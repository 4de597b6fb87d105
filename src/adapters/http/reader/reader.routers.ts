import type { ApiAuth } from '../api-auth/api-auth.middleware.js';
import type { SessionDeps } from '../middleware/session.js';
import { djMongoReaderAnswers } from '../reader-compat/dj-mongo-reader.answers.js';
import { djMongoReaderRoutes } from '../reader-compat/dj-mongo-reader.routes.js';
import type { SignetRouter } from '../signet-context.js';
import { pageMiddleware, type PageMiddlewareDeps } from '../sso-provider/page-middleware.js';
import { readerApiRoutes, type ReaderApiDeps } from './reader-api.routes.js';
import { createReaderAuth } from './reader-auth.middleware.js';
import { readerJsonErrors } from './reader-json.js';
import { readerPageRoutes, type ReaderPageDeps } from './reader-page.routes.js';

export type ReaderRoutersDeps = ReaderApiDeps &
  ReaderPageDeps &
  PageMiddlewareDeps &
  SessionDeps & {
    config: ReaderPageDeps['config'] &
      PageMiddlewareDeps['config'] & {
        /** READER_COMPAT: whose answers the reader's JSON routes give. */
        readerCompat: 'off' | 'dj-mongo-reader';
        reader: { source: string; limits: { maxLimit: number } };
      };
  };

/**
 * The MongoDB reader: its JSON routes (session or signature) and its page (session); with
 * READER_COMPAT=dj-mongo-reader, the URLs only dj-mongo-reader answered, after them.
 */
export function readerRouters(deps: ReaderRoutersDeps, apiAuth: ApiAuth): SignetRouter[] {
  const readerAuth = createReaderAuth(apiAuth, deps);
  const { reader, readerCompat } = deps.config;
  if (readerCompat === 'off') {
    return [readerApiRoutes(deps, readerAuth), readerPageRoutes(deps, pageMiddleware(deps))];
  }
  const answers = djMongoReaderAnswers({ logger: deps.logger, maxLimit: reader.limits.maxLimit });
  return [
    readerApiRoutes(deps, readerAuth, answers),
    readerPageRoutes(deps, pageMiddleware(deps)),
    djMongoReaderRoutes({ source: reader.source, answers }, [readerJsonErrors(deps.logger), readerAuth()]),
  ];
}
