import type { Logger } from '../../domain/shared/logger.port.js';
import type { QueryPermissionHook } from '../../domain/reader/query-permission-hook.port.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import type { Namespace } from '../../domain/reader/namespace.js';
import { decide, type Decision, type Permit } from '../../domain/reader/query-permissioning.js';
import { readerErrors } from '../../domain/reader/reader.errors.js';
import type { ReaderCommand, ReaderPolicy } from '../../domain/reader/reader-policy.js';
import { ANONYMOUS_READER, readerUserOf, type ReaderUser } from '../../domain/reader/reader-user.js';
import { EMPTY_DOCUMENT, type ReaderDocument } from '../../domain/reader/reader-value.js';
import { toRelaxedJson } from '../../domain/reader/relaxed-json.js';
import type { ReaderCaller } from './reader-caller.js';

export interface AuthorizeReaderQueryDeps {
  userDirectory: UserDirectory;
  readerPolicy: ReaderPolicy;
  queryPermissionHook: QueryPermissionHook;
  logger: Logger;
}

export interface ReaderQuestion {
  readonly namespace: Namespace;
  readonly command: ReaderCommand;
  /** The caller's criteria, for the installation's hook; none for a status. */
  readonly criteria?: ReaderDocument;
}

export interface Authorized {
  readonly user: ReaderUser;
  readonly permit: Permit;
}

/** The installation's hook when it has none: the rules decide alone. */
export const RULES_ONLY: QueryPermissionHook = { check: async () => true };

/**
 * Decides whether a caller may run a query: the policy's rules first (the first matching rule
 * decides), then the installation's hook, which may only refuse further. Throws `permission
 * disallowed` (403) with the reason when either refuses.
 */
export class AuthorizeReaderQuery {
  constructor(private readonly deps: AuthorizeReaderQueryDeps) {}

  async execute(caller: ReaderCaller, question: ReaderQuestion): Promise<Authorized> {
    const user = await this.userOf(caller);
    const decision = this.decision(user, question);
    if (!decision.allowed) throw readerErrors.permissionDisallowed();
    await this.askHook(user, question);
    return { user, permit: decision.permit };
  }

  /** The policy's decision for this caller, without asking the hook: what `explain` reports. */
  async explain(caller: ReaderCaller, question: ReaderQuestion): Promise<{ user: ReaderUser; decision: Decision }> {
    const user = await this.userOf(caller);
    return { user, decision: this.decision(user, question) };
  }

  /** The reader's view of the caller; a user who no longer exists (or a key with none) is anonymous. */
  async userOf(caller: ReaderCaller): Promise<ReaderUser> {
    if (caller.username === null) return ANONYMOUS_READER;
    const user = await this.deps.userDirectory.findByUsername(caller.username);
    return user ? readerUserOf(user) : ANONYMOUS_READER;
  }

  private decision(user: ReaderUser, question: ReaderQuestion): Decision {
    return decide(this.deps.readerPolicy, { user, namespace: question.namespace, command: question.command });
  }

  private async askHook(user: ReaderUser, question: ReaderQuestion): Promise<void> {
    let verdict: boolean | string;
    try {
      verdict = await this.deps.queryPermissionHook.check(user, {
        database: question.namespace.database,
        collection: question.namespace.collection,
        command: question.command,
        criteria: toRelaxedJson(question.criteria ?? EMPTY_DOCUMENT),
      });
    } catch (error) {
      // A failing check is the installation's bug: refuse (never let a query through unchecked) and say so in the log.
      this.deps.logger.error('the reader policy module failed; the query is refused', { reason: String(error) });
      throw readerErrors.permissionDisallowed('the installation’s permission check failed');
    }
    if (verdict === true) return;
    throw typeof verdict === 'string' && verdict !== ''
      ? readerErrors.permissionDisallowed(verdict)
      : readerErrors.permissionDisallowed();
  }
}
