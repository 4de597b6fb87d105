import type { DocumentSource } from '../../domain/reader/document-source.port.js';
import type { QueryPermissionHook } from '../../domain/reader/query-permission-hook.port.js';
import type { Namespace } from '../../domain/reader/namespace.js';
import { decide } from '../../domain/reader/query-permissioning.js';
import type { ReaderCommand, ReaderPolicy } from '../../domain/reader/reader-policy.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller } from './reader-caller.js';

export interface ListReadableCollectionsDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
  documentSource: DocumentSource;
  readerPolicy: ReaderPolicy;
  queryPermissionHook: QueryPermissionHook;
}

/**
 * The collections the source holds that the caller may run `command` on (by default, find): what
 * the page offers to choose from. The installation's hook is asked too, with empty criteria.
 */
export class ListReadableCollections {
  constructor(private readonly deps: ListReadableCollectionsDeps) {}

  async execute(caller: ReaderCaller, command: ReaderCommand = 'find'): Promise<Namespace[]> {
    const { authorizeReaderQuery, documentSource, readerPolicy, queryPermissionHook } = this.deps;
    const user = await authorizeReaderQuery.userOf(caller);
    const allowed = (await documentSource.listCollections()).filter(
      (namespace) => decide(readerPolicy, { user, namespace, command }).allowed,
    );
    const verdicts = await Promise.all(
      allowed.map((namespace) =>
        queryPermissionHook
          .check(user, { database: namespace.database, collection: namespace.collection, command, criteria: {} })
          .then((verdict) => verdict === true)
          .catch(() => false),
      ),
    );
    return allowed.filter((_, index) => verdicts[index]);
  }
}
