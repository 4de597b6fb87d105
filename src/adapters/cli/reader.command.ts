import type { AdminOutput } from '../../application/admin/admin-operations.js';
import { masksOf, termsOf } from '../../application/admin/reader-rule-summary.js';
import { READER_CHECK_NAMES } from '../../application/admin/reader-trial.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

const usage = {
  policy: 'signet reader policy',
  try: 'signet reader try DATABASE COLLECTION (--user USER | --no-user) [--command find|count|status|export] [--criteria JSON]',
} as const;

const ORIGINS = {
  file: (file: string | null) => `the file ${file ?? ''} (READER_POLICY)`,
  demo: () => "the demo's policy (READER_POLICY is not set, and the demo runs)",
  none: () => 'none: READER_POLICY is not set, so the reader refuses every query',
} as const;

const policy: Subcommand = async (args, host) => {
  if (parseCommand(args, { usage: usage.policy, options: {}, positionals: [0, 0] }).help) return showUsage(host.io, usage.policy);
  const shown = await withServices(host, (services) => services.showReaderPolicy.execute({}));
  const { limits } = shown;
  for (const line of formatTable([
    ['rules:', ORIGINS[shown.origin](shown.file)],
    [
      'module:',
      shown.module === null ? 'none: the rules decide alone' : `${shown.module} (READER_POLICY_MODULE), after the rules`,
    ],
    [
      'limits:',
      `${limits.defaultLimit} documents a find by default, ${limits.maxLimit} at most; ${limits.maxTimeMs} ms a query; ` +
        `${limits.exportMaxRows} rows an export; ${limits.sampleSize} documents sampled for the field overview`,
    ],
  ])) {
    host.io.out(line);
  }
  if (shown.rules.length === 0) {
    host.io.out('no rules: every query is refused');
    return 0;
  }
  const header = ['#', 'EFFECT', 'COMMANDS', 'ON', 'WHO', 'TERMS', 'DESCRIPTION'];
  const rows = shown.rules.map((rule) => {
    const pins = Object.entries(rule.pin).map(([path, value]) => [path, JSON.stringify(value)] as const);
    const terms = termsOf(pins, rule.hiddenFields, rule.maxLimit, masksOf(rule.mask));
    return [
      String(rule.index),
      rule.effect,
      rule.commands.join(','),
      `${rule.database}.${rule.collection}`,
      rule.who,
      terms.length > 0 ? terms.join('; ') : '-',
      rule.description ?? '-',
    ];
  });
  for (const line of formatTable([header, ...rows])) host.io.out(line);
  return 0;
};

const tryQuery: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage.try,
    options: {
      user: { type: 'string' },
      'no-user': { type: 'boolean' },
      command: { type: 'string' },
      criteria: { type: 'string' },
    },
    positionals: [2, 2],
  });
  if (help) return showUsage(host.io, usage.try);
  if ((values.user === undefined) === (values['no-user'] !== true)) {
    throw new UsageError('give --user USER, or --no-user for an API key bound to no user (not both)', usage.try);
  }
  const [database = '', collection = ''] = positionals;
  const input = {
    database,
    collection,
    ...(values.user === undefined ? {} : { username: values.user }),
    ...(values.command === undefined ? {} : { command: values.command }),
    ...(values.criteria === undefined ? {} : { criteria: values.criteria }),
  };
  const trial = await withServices(host, (services) => services.tryReaderQuery.executeUntyped(input));
  for (const line of trialLines(trial)) host.io.out(line);
  return 0;
};

/** The answer first (`allowed`, or which check refuses and what the caller would read), then each check's part. */
function trialLines(trial: AdminOutput<'tryReaderQuery'>): string[] {
  const who = trial.username ?? 'an API key bound to no user';
  const criteria =
    trial.command === 'status'
      ? 'none: a status takes none'
      : (trial.criteria ?? (trial.rules === null ? 'not read: the names were refused first' : `refused: ${trial.answer}`));
  const module =
    trial.module.state === 'refuses'
      ? `refuses it: ${trial.module.answer ?? ''}`
      : trial.module.state === 'none'
        ? 'none set'
        : trial.module.state;
  return [
    trial.allowed
      ? 'allowed'
      : `refused by ${trial.refusedBy ? READER_CHECK_NAMES[trial.refusedBy] : 'the reader'}: ${printable(trial.answer)}`,
    ...formatTable([
      [
        'as:',
        `${who}${trial.username !== null && trial.asNobody ? ' (inactive: the reader takes them for nobody in particular)' : ''}`,
      ],
      ['query:', `${trial.command} on ${trial.database}.${trial.collection}`],
      ['criteria:', criteria],
      ['rules:', trial.rules ?? 'not read: the request was refused first'],
      ...(trial.rule === null
        ? []
        : [
            [
              `rule ${trial.rule.index}:`,
              `${trial.rule.text}${trial.rule.description === null ? '' : ` (${trial.rule.description})`}`,
            ],
          ]),
      ['module:', module],
      ...(trial.query === null ? [] : [['criteria run:', trial.query]]),
    ]),
  ];
}

export const readerCommandGroup: CommandGroup = {
  name: 'reader',
  subcommands: new Map([
    ['policy', { run: policy, usage: usage.policy }],
    ['try', { run: tryQuery, usage: usage.try }],
  ]),
};

/** `reader <policy|try> ...`: the MongoDB reader's policy in force, and what it answers a user's query; resolves the exit status. */
export function readerCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(readerCommandGroup, args, host);
}
