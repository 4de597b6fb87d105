import type { FieldMask, MaskKind } from '../../domain/reader/field-mask.js';
import { readerCommands, type PolicyRule, type ReaderCommand, type UserMatcher } from '../../domain/reader/reader-policy.js';

type Scalar = string | number | boolean | null;

/** One rule of the reader's policy as the admin shows it: its fields as the file gave them, and a sentence. */
export interface ReaderRuleSummary {
  /** Its position in the policy, from 0: the first rule that matches decides. */
  index: number;
  description: string | null;
  effect: 'allow' | 'deny';
  /** Who it matches, in words. */
  who: string;
  /** Name patterns, `*` for any run of characters and `?` for one. */
  database: string;
  collection: string;
  commands: ReaderCommand[];
  /** Fields the criteria are forced to equal (`$user.<name>` takes the user's value); allow rules only. */
  pin: Record<string, Scalar>;
  hiddenFields: string[];
  /** Fields shown masked, and how (`{"email": "email"}`); present only on a rule that masks. */
  mask?: Record<string, MaskKind>;
  maxLimit: number | null;
  /** `allow find, count on db1.user_* for username user1; hides salary`. */
  text: string;
}

/** The rule at `index` of the policy, summarized. */
export function summarizeRule(rule: PolicyRule, index: number): ReaderRuleSummary {
  const allow = rule.effect === 'allow' ? rule : null;
  const summary = {
    index,
    description: rule.description ?? null,
    effect: rule.effect,
    who: whoText(rule.user),
    database: rule.database,
    collection: rule.collection,
    commands: [...rule.commands],
    pin: { ...allow?.pin },
    hiddenFields: [...(allow?.hiddenFields ?? [])],
    ...(allow?.mask ? { mask: { ...allow.mask } } : {}),
    maxLimit: allow?.maxLimit ?? null,
  };
  const pins = Object.entries(summary.pin).map(([path, value]) => [path, JSON.stringify(value)] as const);
  const terms = termsOf(pins, summary.hiddenFields, summary.maxLimit, masksOf(summary.mask));
  return { ...summary, text: [headline(summary), ...terms].join('; ') };
}

/** A rule's `mask` as a list. */
export function masksOf(mask: Readonly<Record<string, MaskKind>> | undefined): FieldMask[] {
  return Object.entries(mask ?? {}).map(([path, kind]) => ({ path, kind }));
}

/**
 * What an allowing rule adds to the queries it lets through, a phrase each: its pins (each field
 * with its value as text), its hidden fields, its masks, its cap.
 */
export function termsOf(
  pins: readonly (readonly [path: string, value: string])[],
  hiddenFields: readonly string[],
  maxLimit: number | null,
  masks: readonly FieldMask[] = [],
): string[] {
  return [
    ...(pins.length > 0 ? [`pins ${pins.map(([path, value]) => `${path} to ${value}`).join(', ')}`] : []),
    ...(hiddenFields.length > 0 ? [`hides ${hiddenFields.join(', ')}`] : []),
    ...(masks.length > 0 ? [`masks ${masks.map((mask) => `${mask.path} as ${mask.kind}`).join(', ')}`] : []),
    ...(maxLimit !== null ? [`at most ${maxLimit} documents a query`] : []),
  ];
}

function headline(rule: Pick<ReaderRuleSummary, 'effect' | 'commands' | 'database' | 'collection' | 'who'>): string {
  const every = readerCommands.every((command) => rule.commands.includes(command));
  const commands = every ? 'every command' : rule.commands.join(', ');
  return `${rule.effect} ${commands} on ${rule.database}.${rule.collection} for ${rule.who}`;
}

function whoText(matcher: UserMatcher | undefined): string {
  const { username, staff, superuser, group, attributes } = matcher ?? {};
  const conditions = [
    ...(username === undefined ? [] : [`username ${[username].flat().join(' or ')}`]),
    ...(staff === undefined ? [] : [staff ? 'staff' : 'not staff']),
    ...(superuser === undefined ? [] : [superuser ? 'superuser' : 'not superuser']),
    ...(group === undefined ? [] : [`in group ${group}`]),
    ...Object.entries(attributes ?? {}).map(([name, value]) => `${name} = ${JSON.stringify(value)}`),
  ];
  return conditions.length > 0 ? conditions.join(' and ') : 'anyone (an API key bound to no user too)';
}
