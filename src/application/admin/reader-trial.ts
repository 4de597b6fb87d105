import type { ReaderCommand } from '../../domain/reader/reader-policy.js';

/** A query to try against the reader's policy, as a given user would send it. */
export interface ReaderTrialInput {
  /** The user to try as; null for an API key bound to no user. */
  username: string | null;
  database: string;
  collection: string;
  command: ReaderCommand;
  /** MongoDB Extended JSON, as `criteria=` takes it; empty for none. A status takes none and ignores it. */
  criteria: string;
}

/** The checks that can refuse a query, in the order the reader runs them. */
export type ReaderCheck = 'request' | 'rules' | 'module' | 'hidden fields';

/** Each check as a person reads it: `refused by the rules`. */
export const READER_CHECK_NAMES = {
  request: 'the request itself (its names or its criteria), before any rule',
  rules: 'the rules',
  module: 'the module (READER_POLICY_MODULE)',
  'hidden fields': "the allowing rule's hidden fields",
} as const satisfies Record<ReaderCheck, string>;

/** What the reader would answer the query, and which check decides. Nothing is read from the documents. */
export interface ReaderTrial {
  username: string | null;
  /** True when the policy sees nobody in particular: no user, or an inactive one. */
  asNobody: boolean;
  database: string;
  collection: string;
  command: ReaderCommand;
  /** The criteria as the reader read them (relaxed Extended JSON); null when refused, and for a status. */
  criteria: string | null;
  allowed: boolean;
  /** `allowed`, or the refusal as the caller would read it: `permission disallowed`, `operator not allowed: $where`. */
  answer: string;
  /** The check that refuses the query; null when it is allowed. */
  refusedBy: ReaderCheck | null;
  /** The rule that decides; null when none matches, or when the names were refused before any rule was read. */
  rule: { index: number; description: string | null; text: string } | null;
  /** What the rules decide, and why; null when they were not read. */
  rules: string | null;
  /** The module's part (READER_POLICY_MODULE): none set, not asked (a check before it refused), or its answer. */
  module: { state: 'none' | 'not asked' | 'allows' | 'refuses'; answer: string | null };
  /** The criteria the source would run, the rule's pins added (relaxed Extended JSON); null unless allowed, and for a status. */
  query: string | null;
}
