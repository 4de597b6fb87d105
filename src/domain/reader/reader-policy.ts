import { z } from 'zod';
import { checkFieldPath, pathsOverlap } from './field-path.js';
import { maskKinds } from './field-mask.js';
import { globMatcher } from './glob.js';

export const readerCommands = ['find', 'count', 'status', 'export'] as const;
/** What a query asks: documents, a count, collection statistics, or a CSV export. */
export type ReaderCommand = (typeof readerCommands)[number];

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const fieldPath = z.string().refine(isFieldPath, { error: 'is not a field path (dotted names, none empty or starting with $)' });
const pinSource = scalar.refine((value) => typeof value !== 'string' || !value.startsWith('$') || /^\$user\.[^.]+$/.test(value), {
  error: 'a string starting with $ must be $user.<name> (username, email, or an attribute)',
});

const userMatcher = z.strictObject({
  username: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
  staff: z.boolean().optional(),
  superuser: z.boolean().optional(),
  group: z.string().min(1).optional(),
  attributes: z.record(z.string(), scalar).optional(),
});

const common = {
  description: z.string().optional(),
  user: userMatcher.optional(),
  database: z.string().min(1).default('*'),
  collection: z.string().min(1).default('*'),
  commands: z
    .array(z.enum(readerCommands))
    .min(1)
    .default([...readerCommands]),
};

const rule = z.discriminatedUnion('effect', [
  z.strictObject({
    ...common,
    effect: z.literal('allow'),
    pin: z.record(fieldPath, pinSource).default({}),
    hiddenFields: z.array(fieldPath).default([]),
    /** Fields shown masked (`{"email": "email", "phone": "last4"}`): transformed by the source's query, never sent in clear. */
    mask: z.record(fieldPath, z.enum(maskKinds, { error: `a mask is ${maskKinds.join(' or ')}` })).optional(),
    maxLimit: z.number().int().min(1).optional(),
  }),
  z.strictObject({ ...common, effect: z.literal('deny') }),
]);

const policySchema = z.strictObject({
  rules: z.array(
    rule
      .refine(
        (parsed) =>
          parsed.effect === 'deny' ||
          !parsed.hiddenFields.some((path) => Object.keys(parsed.pin).some((pinned) => pathsOverlap(path, pinned))),
        {
          error: 'a pinned field cannot also be hidden',
        },
      )
      .refine(
        (parsed) => parsed.effect === 'deny' || masksStandAlone(parsed.mask ?? {}, parsed.hiddenFields, Object.keys(parsed.pin)),
        {
          error: 'a masked field cannot also be pinned or hidden, nor lie inside or around another masked field',
        },
      ),
  ),
});

function masksStandAlone(mask: Record<string, string>, hidden: readonly string[], pinned: readonly string[]): boolean {
  const masked = Object.keys(mask);
  return masked.every(
    (path, index) =>
      ![...hidden, ...pinned].some((other) => pathsOverlap(path, other)) &&
      !masked.some((other, at) => at !== index && pathsOverlap(path, other)),
  );
}

export type PolicyRule = z.infer<typeof rule>;
export type UserMatcher = z.infer<typeof userMatcher>;

/** An ordered list of rules: the first that matches a query decides; when none does, the query is refused. */
export interface ReaderPolicy {
  readonly rules: readonly CompiledRule[];
}

/** A rule with its name patterns ready to match. */
export type CompiledRule = PolicyRule & {
  readonly matchesDatabase: (name: string) => boolean;
  readonly matchesCollection: (name: string) => boolean;
};

/** A policy that refuses everything: what the reader runs on when none is configured. */
export const EMPTY_POLICY: ReaderPolicy = { rules: [] };

/**
 * Reads a policy from its JSON form (already parsed), refusing anything unknown or malformed with
 * every problem listed, each by its place (`rules.2.collection: ...`).
 */
export function parseReaderPolicy(json: unknown): ReaderPolicy {
  const parsed = policySchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'policy'}: ${issue.message}`);
    throw new PolicyFormatError(problems);
  }
  return {
    rules: parsed.data.rules.map((parsedRule) => ({
      ...parsedRule,
      matchesDatabase: globMatcher(parsedRule.database),
      matchesCollection: globMatcher(parsedRule.collection),
    })),
  };
}

/** A policy file that is not one; `problems` lists what is wrong, one line each. */
export class PolicyFormatError extends Error {
  override readonly name = 'PolicyFormatError';

  constructor(readonly problems: readonly string[]) {
    super(problems.join('\n'));
  }
}

function isFieldPath(path: string): boolean {
  try {
    checkFieldPath(path, 'policy');
    return true;
  } catch {
    return false;
  }
}
