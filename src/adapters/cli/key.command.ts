import type { CommandGroup, Subcommand } from './command-group.js';
import { runSubcommand, showUsage, withServices } from './command-group.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { expiry, printKey, rateLimit, summaryRow } from './key-output.js';
import { keyStateUsage, rotate, stateChange } from './key-state.command.js';
import { pageInput, pageOptions, pageUsage, reportPage } from './list-pages.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

const usage = {
  create: 'signet key create [--user USER] [--api NAME]... [--note TEXT] [--expires WHEN] [--rate-limit N]',
  list: `signet key list [--api NAME] ${pageUsage}`,
  show: 'signet key show KEY',
  update:
    'signet key update KEY [--note TEXT] [--user USER | --no-user] [--api NAME... | --no-api] [--expires WHEN|never] [--rate-limit N|none]',
  entrypoints: 'signet key entrypoints',
  allow: 'signet key allow KEY NAME',
  ...keyStateUsage,
} as const;

const create: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.create,
    options: {
      user: { type: 'string' },
      api: { type: 'string', multiple: true },
      note: { type: 'string' },
      expires: { type: 'string' },
      'rate-limit': { type: 'string' },
    },
    positionals: [0, 0],
    mayBeEmpty: ['note'],
  });
  if (help) return showUsage(host.io, usage.create);
  const input = {
    username: values.user ?? null,
    entryPoints: values.api ?? [],
    note: values.note ?? '',
    expiresAt: expiry(values.expires, usage.create),
    rateLimitPerMinute: rateLimit(values['rate-limit'], usage.create),
  };
  const created = await withServices(host, (services) => services.createKey.execute(input), 'changes');
  host.io.out(`API key: ${created.apiKey}`);
  host.io.out(`SEC key: ${created.secretKey}`);
  host.io.err('The SEC key is shown this once: keep it now.');
  return 0;
};

const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.list,
    options: { api: { type: 'string' }, ...pageOptions },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage.list);
  const input = { ...pageInput(values), ...(values.api === undefined ? {} : { entryPoint: values.api }) };
  const keys = await withServices(host, (services) => services.listKeys.execute(input));
  if (keys.total === 0) {
    const matching = values.search === undefined ? '' : ` matching "${printable(values.search)}"`;
    host.io.out(
      values.api === undefined ? `no API keys${matching}` : `no API keys allowed on ${printable(values.api)}${matching}`,
    );
    return 0;
  }
  const header = ['API KEY', 'USER', 'ENTRY POINTS', 'SEC KEYS', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...keys.items.map(summaryRow)])) host.io.out(line);
  reportPage(host.io, keys, 'API keys');
  return 0;
};

const show: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.show, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.show);
  const [apiKey = ''] = positionals;
  printKey(host, await withServices(host, (services) => services.showKey.execute({ apiKey })));
  return 0;
};

const update: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage.update,
    options: {
      note: { type: 'string' },
      user: { type: 'string' },
      'no-user': { type: 'boolean' },
      api: { type: 'string', multiple: true },
      'no-api': { type: 'boolean' },
      expires: { type: 'string' },
      'rate-limit': { type: 'string' },
    },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, usage.update);
  if (values.user !== undefined && values['no-user']) throw new UsageError('give --user or --no-user, not both', usage.update);
  if (values.api !== undefined && values['no-api']) throw new UsageError('give --api or --no-api, not both', usage.update);
  const [apiKey = ''] = positionals;
  const input = {
    apiKey,
    ...(values.note === undefined ? {} : { note: values.note }),
    ...(values.user !== undefined ? { username: values.user } : values['no-user'] ? { username: null } : {}),
    ...(values.api !== undefined ? { entryPoints: values.api } : values['no-api'] ? { entryPoints: [] } : {}),
    ...(values.expires === undefined ? {} : { expiresAt: expiry(values.expires, usage.update) }),
    ...(values['rate-limit'] === undefined ? {} : { rateLimitPerMinute: rateLimit(values['rate-limit'], usage.update) }),
  };
  if (Object.keys(input).length === 1) throw new UsageError('nothing to change: give at least one option', usage.update);
  printKey(host, await withServices(host, (services) => services.updateKey.execute(input), 'changes'));
  return 0;
};

const entrypoints: Subcommand = async (args, host) => {
  if (parseCommand(args, { usage: usage.entrypoints, options: {}, positionals: [0, 0] }).help) {
    return showUsage(host.io, usage.entrypoints);
  }
  const entryPoints = await withServices(host, (services) => services.listEntryPoints.execute({}));
  if (entryPoints.length === 0) {
    host.io.out('no entry points (run reload-entrypoints)');
    return 0;
  }
  const rows = entryPoints.map((entry) => [entry.name, entry.method, entry.path]);
  for (const line of formatTable([['NAME', 'METHOD', 'PATH'], ...rows])) host.io.out(line);
  return 0;
};

const allow: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.allow, options: {}, positionals: [2, 2] });
  if (help) return showUsage(host.io, usage.allow);
  const [apiKey = '', entryPoint = ''] = positionals;
  const { added } = await withServices(host, (services) => services.allowEntryPoint.execute({ apiKey, entryPoint }), 'changes');
  const shown = printable(entryPoint);
  host.io.out(added ? `${apiKey} may now call ${shown}` : `${apiKey} may already call ${shown}: nothing changed`);
  return 0;
};

export const keyCommands: CommandGroup = {
  name: 'key',
  subcommands: new Map([
    ['create', { run: create, usage: usage.create }],
    ['list', { run: list, usage: usage.list }],
    ['show', { run: show, usage: usage.show }],
    ['update', { run: update, usage: usage.update }],
    ['entrypoints', { run: entrypoints, usage: usage.entrypoints }],
    ['allow', { run: allow, usage: usage.allow }],
    ['disable', { run: stateChange('disable', 'disableKey', 'disabled'), usage: usage.disable }],
    ['enable', { run: stateChange('enable', 'enableKey', 'enabled'), usage: usage.enable }],
    ['revoke', { run: stateChange('revoke', 'revokeKey', 'revoked'), usage: usage.revoke }],
    ['rotate', { run: rotate, usage: usage.rotate }],
  ]),
};

/** `key <create|list|show|update|entrypoints|allow|disable|enable|revoke|rotate> ...`; resolves the exit status. */
export function keyCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(keyCommands, args, host);
}
