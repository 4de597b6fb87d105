import { adminErrors } from '../../domain/admin/admin.errors.js';
import type { UserDirectory } from '../../domain/users/user-directory.port.js';
import { isSystemNamespace, parseNamespace, type Namespace } from '../../domain/reader/namespace.js';
import { permittedCount } from '../../domain/reader/permitted-query.js';
import type { ReaderPolicySource } from '../../domain/reader/policy-source.js';
import type { Decision } from '../../domain/reader/query-permissioning.js';
import { ReaderError } from '../../domain/reader/reader.errors.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import type { ReaderPolicy } from '../../domain/reader/reader-policy.js';
import { parseCriteria } from '../../domain/reader/reader-request.js';
import { readerUserOf } from '../../domain/reader/reader-user.js';
import { relaxedText } from '../../domain/reader/relaxed-json.js';
import type { AuthorizeReaderQuery } from '../reader/authorize-reader-query.js';
import type { ReaderCaller } from '../reader/reader-caller.js';
import { summarizeRule, termsOf } from './reader-rule-summary.js';
import type { ReaderCheck, ReaderTrial, ReaderTrialInput } from './reader-trial.js';

export interface TryReaderQueryDeps {
  userDirectory: UserDirectory;
  authorizeReaderQuery: Pick<AuthorizeReaderQuery, 'explain' | 'execute'>;
  readerPolicy: ReaderPolicy;
  readerPolicySource: ReaderPolicySource;
  config: { reader: { limits: ReaderLimits } };
}

/**
 * "Try as user": what the reader would answer a user's query and which check decides, found by the
 * reader's own checks in the reader's order (the names and the criteria, the rules, the module, the
 * allowing rule's hidden fields), never by a copy of them. The query is not run: no document is
 * read, so a try shows nothing the policy does not, and changes nothing.
 */
export class TryReaderQuery {
  constructor(private readonly deps: TryReaderQueryDeps) {}

  async execute(input: ReaderTrialInput): Promise<ReaderTrial> {
    const { userDirectory, authorizeReaderQuery, readerPolicySource, config } = this.deps;
    const { username, database, collection, command } = input;
    const user = username === null ? null : await userDirectory.findByUsername(username);
    if (username !== null && !user) throw adminErrors.userNotFound(username);
    const trial: ReaderTrial = {
      username,
      // The reader's own view: an inactive user is nobody in particular.
      asNobody: user === null || readerUserOf(user).username === null,
      database,
      collection,
      command,
      criteria: null,
      allowed: false,
      answer: '',
      refusedBy: null,
      rule: null,
      rules: null,
      module: { state: readerPolicySource.module === null ? 'none' : 'not asked', answer: null },
      query: null,
    };
    const refused = (check: ReaderCheck, refusal: ReaderError): ReaderTrial => ({
      ...trial,
      answer: refusal.message,
      refusedBy: check,
    });

    const namespace = await orRefusal(() => parseNamespace(database, collection));
    if (namespace instanceof ReaderError) return refused('request', namespace);
    // A status reads no criteria, as `_status` ignores them.
    const criteria =
      command === 'status'
        ? null
        : await orRefusal(() => parseCriteria({ database, collection, parameters: { criteria: input.criteria } }));
    if (criteria !== null && !(criteria instanceof ReaderError)) trial.criteria = relaxedText(criteria.document);

    const caller: ReaderCaller = { username, via: 'session' };
    const { decision } = await authorizeReaderQuery.explain(caller, { namespace, command });
    trial.rule = decision.rule === null ? null : this.ruleAt(decision.rule);
    trial.rules = this.rulesSay(decision, namespace);
    // The reader reads the criteria before the rules: bad criteria are what the caller is answered.
    if (criteria instanceof ReaderError) return refused('request', criteria);
    if (!decision.allowed) return { ...trial, answer: 'permission disallowed', refusedBy: 'rules' };

    if (readerPolicySource.module !== null) {
      // The reader's whole authorization again, which ends by asking the module exactly as a query would.
      const asked = await orRefusal(() =>
        authorizeReaderQuery.execute(caller, { namespace, command, ...(criteria ? { criteria: criteria.document } : {}) }),
      );
      if (asked instanceof ReaderError)
        return { ...refused('module', asked), module: { state: 'refuses', answer: asked.message } };
      trial.module = { state: 'allows', answer: null };
    }
    if (criteria !== null) {
      // The criteria's share of what every permitted find, count and export checks, with the pins added.
      const query = await orRefusal(() => permittedCount(namespace, criteria, decision.permit, config.reader.limits));
      if (query instanceof ReaderError) return refused('hidden fields', query);
      trial.query = relaxedText(query.criteria);
    }
    return { ...trial, allowed: true, answer: 'allowed' };
  }

  private ruleAt(index: number): ReaderTrial['rule'] {
    const rule = this.deps.readerPolicy.rules[index];
    return rule ? { index, description: rule.description ?? null, text: summarizeRule(rule, index).text } : null;
  }

  /** The rules' answer in a sentence: which rule, and why; an allowing rule's terms with this user's pin values. */
  private rulesSay(decision: Decision, namespace: Namespace): string {
    if (!decision.allowed) {
      if (decision.rule === null) {
        return isSystemNamespace(namespace) ? `refused before any rule: ${decision.reason}` : 'no rule matches: refused';
      }
      const denies = this.deps.readerPolicy.rules[decision.rule]?.effect === 'deny';
      return denies ? `rule ${decision.rule} denies it` : `rule ${decision.rule} matches, and refuses it: ${decision.reason}`;
    }
    const { pin, hiddenFields, maxLimit, masks } = decision.permit;
    const terms = termsOf(
      pin.map(([path, value]) => [path, relaxedText(value)] as const),
      hiddenFields,
      maxLimit ?? null,
      masks,
    );
    return [`rule ${decision.rule} allows it`, ...terms].join('; ');
  }
}

/** What `work` gives, or the reader's refusal it throws; any other failure (a lost backend) is thrown on. */
async function orRefusal<T>(work: () => T | Promise<T>): Promise<T | ReaderError> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReaderError) return error;
    throw error;
  }
}
