import type { JsonValue } from './relaxed-json.js';
import type { ReaderCommand } from './reader-policy.js';
import type { ReaderUser } from './reader-user.js';

/** What the installation's check is told about a query the policy's rules allowed. */
export interface QueryPermissionQuestion {
  readonly database: string;
  readonly collection: string;
  readonly command: ReaderCommand;
  /** The caller's criteria as relaxed Extended JSON, before any pin is added; `{}` when there are none. */
  readonly criteria: JsonValue;
}

/**
 * An installation's last word on a query (dj-mongo-reader's `perm_check_func`), asked after the
 * policy's rules allowed it.
 */
export interface QueryPermissionHook {
  /**
   * true lets the query run; false refuses it with `permission disallowed`; a string refuses it with
   * that string as the reason. Rejects when the installation's function throws.
   */
  check(user: ReaderUser, question: QueryPermissionQuestion): Promise<boolean | string>;
}
