import type { FieldMask } from './field-mask.js';
import { isWithin } from './field-path.js';
import { isSystemNamespace, type Namespace } from './namespace.js';
import type { CompiledRule, ReaderCommand, ReaderPolicy, UserMatcher } from './reader-policy.js';
import type { ReaderUser } from './reader-user.js';
import type { DocumentEntry, ReaderValue } from './reader-value.js';

/** What a query is, for the policy: who asks, where, and for what. */
export interface PolicyQuestion {
  readonly user: ReaderUser;
  readonly namespace: Namespace;
  readonly command: ReaderCommand;
}

/** The terms an allowing rule sets. */
export interface Permit {
  /** Fields the criteria are forced to equal, with the user's values filled in. */
  readonly pin: readonly DocumentEntry[];
  /** Fields never returned, filtered on or sorted by; none lies inside another. */
  readonly hiddenFields: readonly string[];
  /** The rule's cap on documents per query, if it sets one. */
  readonly maxLimit: number | undefined;
  /** Fields returned masked, and never filtered on or sorted by; none when absent. */
  readonly masks?: readonly FieldMask[];
}

/** The policy's answer, with the rule that gave it (its index in the file, or null) and why. */
export type Decision =
  | { readonly allowed: true; readonly rule: number; readonly description: string | undefined; readonly permit: Permit }
  | { readonly allowed: false; readonly rule: number | null; readonly description: string | undefined; readonly reason: string };

/**
 * The query-permissioning service: the first rule that matches the user, the database, the
 * collection and the command decides; when none matches, the answer is no. The server's own
 * databases are refused before any rule is read.
 */
export function decide(policy: ReaderPolicy, question: PolicyQuestion): Decision {
  if (isSystemNamespace(question.namespace)) {
    return refusal(null, undefined, 'the server’s own databases and system collections are never readable');
  }
  const index = policy.rules.findIndex((rule) => ruleMatches(rule, question));
  const rule = policy.rules[index];
  if (!rule) return refusal(null, undefined, 'no rule of the policy allows it');
  if (rule.effect === 'deny') return refusal(index, rule.description, 'a rule refuses it');
  if (Object.keys(rule.pin).length > 0 && question.command === 'status') {
    return refusal(
      index,
      rule.description,
      'the rule pins fields, and collection statistics would describe documents outside the pin',
    );
  }
  const pin: DocumentEntry[] = [];
  for (const [path, source] of Object.entries(rule.pin)) {
    const value = pinValue(source, question.user);
    if (value === undefined)
      return refusal(index, rule.description, `the rule pins ${path} to ${String(source)}, which this user does not have`);
    pin.push([path, value]);
  }
  return {
    allowed: true,
    rule: index,
    description: rule.description,
    permit: {
      pin,
      hiddenFields: outermost(rule.hiddenFields),
      maxLimit: rule.maxLimit,
      ...(rule.mask ? { masks: Object.entries(rule.mask).map(([path, kind]) => ({ path, kind })) } : {}),
    },
  };
}

function refusal(rule: number | null, description: string | undefined, reason: string): Decision {
  return { allowed: false, rule, description, reason };
}

export function ruleMatches(rule: CompiledRule, question: PolicyQuestion): boolean {
  return (
    rule.commands.includes(question.command) &&
    rule.matchesDatabase(question.namespace.database) &&
    rule.matchesCollection(question.namespace.collection) &&
    userMatches(rule.user, question.user)
  );
}

/** Every condition the matcher states must hold; a rule without one matches every caller, anonymous keys included. */
function userMatches(matcher: UserMatcher | undefined, user: ReaderUser): boolean {
  if (!matcher) return true;
  const { username, staff, superuser, group, attributes } = matcher;
  if (username !== undefined && (user.username === null || ![username].flat().includes(user.username))) return false;
  if (staff !== undefined && user.isStaff !== staff) return false;
  if (superuser !== undefined && user.isSuperuser !== superuser) return false;
  if (group !== undefined && !user.groups.includes(group)) return false;
  return Object.entries(attributes ?? {}).every(
    ([name, wanted]) => Object.hasOwn(user.attributes, name) && user.attributes[name] === wanted,
  );
}

/** A pin's value: a literal, or `$user.username`, `$user.email`, `$user.<attribute>`; undefined when the user lacks it. */
function pinValue(source: string | number | boolean | null, user: ReaderUser): ReaderValue | undefined {
  if (typeof source !== 'string' || !source.startsWith('$user.')) return source;
  const name = source.slice('$user.'.length);
  if (name === 'username') return user.username ?? undefined;
  if (name === 'email') return user.email === '' ? undefined : user.email;
  const value = Object.hasOwn(user.attributes, name) ? user.attributes[name] : undefined;
  return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' ? value : undefined;
}

/** Hidden paths without those inside another: excluding `a` already excludes `a.b`. */
function outermost(paths: readonly string[]): string[] {
  return [...new Set(paths)].filter((path, _, all) => !all.some((other) => other !== path && isWithin(path, other)));
}
