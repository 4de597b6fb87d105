import { parseNamespace } from '../../domain/reader/namespace.js';
import { readerErrors } from '../../domain/reader/reader.errors.js';
import { readerCommands, type ReaderCommand } from '../../domain/reader/reader-policy.js';
import type { AuthorizeReaderQuery } from './authorize-reader-query.js';
import type { ReaderCaller } from './reader-caller.js';

export interface ExplainReaderDecisionDeps {
  authorizeReaderQuery: AuthorizeReaderQuery;
}

/** Which rule decides a caller's command on a collection, and why: for people writing or debugging a policy. */
export interface ReaderExplanation {
  readonly user: string | null;
  readonly database: string;
  readonly collection: string;
  readonly command: ReaderCommand;
  readonly allowed: boolean;
  /** The deciding rule's position in the policy file (from 0), or null when none matched. */
  readonly rule: number | null;
  readonly description: string | null;
  /** Why it is refused; for an allowed query, the terms the rule sets. */
  readonly reason: string;
}

/** Explains the policy's decision for the caller. The installation's hook, which may refuse further, is not asked. */
export class ExplainReaderDecision {
  constructor(private readonly deps: ExplainReaderDecisionDeps) {}

  async execute(
    caller: ReaderCaller,
    input: { database: string; collection: string; command: string | undefined },
  ): Promise<ReaderExplanation> {
    const command = readerCommands.find((known) => known === (input.command ?? 'find'));
    if (command === undefined) throw readerErrors.badInput(`command must be one of ${readerCommands.join(', ')}`);
    const namespace = parseNamespace(input.database, input.collection);
    const { user, decision } = await this.deps.authorizeReaderQuery.explain(caller, { namespace, command });
    const base = { user: user.username, ...namespace, command, rule: decision.rule, description: decision.description ?? null };
    if (!decision.allowed) return { ...base, allowed: false, reason: decision.reason };
    const { pin, hiddenFields, maxLimit, masks = [] } = decision.permit;
    const terms = [
      pin.length > 0 ? `pins ${pin.map(([path]) => path).join(', ')}` : null,
      hiddenFields.length > 0 ? `hides ${hiddenFields.join(', ')}` : null,
      masks.length > 0 ? `masks ${masks.map((mask) => `${mask.path} as ${mask.kind}`).join(', ')}` : null,
      maxLimit !== undefined ? `returns at most ${maxLimit} documents a query` : null,
    ].filter((term) => term !== null);
    return { ...base, allowed: true, reason: terms.length > 0 ? `allowed; the rule ${terms.join('; ')}` : 'allowed' };
  }
}
