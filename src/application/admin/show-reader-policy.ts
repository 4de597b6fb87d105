import type { ReaderPolicySource } from '../../domain/reader/policy-source.js';
import type { ReaderLimits } from '../../domain/reader/reader-limits.js';
import type { ReaderPolicy } from '../../domain/reader/reader-policy.js';
import { summarizeRule, type ReaderRuleSummary } from './reader-rule-summary.js';

export interface ShowReaderPolicyDeps {
  readerPolicy: ReaderPolicy;
  readerPolicySource: ReaderPolicySource;
  config: { reader: { limits: ReaderLimits } };
}

/** The MongoDB reader's policy in force, as the admin shows it. */
export interface ReaderPolicyView extends ReaderPolicySource {
  /** In order: the first that matches a query decides; none matching refuses it. */
  rules: ReaderRuleSummary[];
  /** What one query may cost, whatever the rules say (READER_* settings). */
  limits: ReaderLimits;
}

/**
 * The policy the reader runs on, read-only: where it came from (a file, the demo's, none), each rule
 * in order, whether a module has the last word, and the limits. It is the one loaded at start: a
 * changed file takes effect at the next start.
 */
export class ShowReaderPolicy {
  constructor(private readonly deps: ShowReaderPolicyDeps) {}

  async execute(): Promise<ReaderPolicyView> {
    const { readerPolicy, readerPolicySource, config } = this.deps;
    return {
      origin: readerPolicySource.origin,
      file: readerPolicySource.file,
      module: readerPolicySource.module,
      rules: readerPolicy.rules.map(summarizeRule),
      limits: { ...config.reader.limits },
    };
  }
}
