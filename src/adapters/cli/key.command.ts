import type { ApiKeySummary } from '../../application/credentials/list-api-keys.js';
import type { CommandGroup, Subcommand } from './command-group.js';
import { isoOr, isoSeconds, runSubcommand, showUsage, withServices } from './command-group.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { describeSeconds, parseDuration } from './duration.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

const usage = {
  create: 'signet key create [--user USER] [--api NAME]... [--note TEXT] [--expires WHEN] [--rate-limit N]',
  list: 'signet key list [--api NAME]',
  show: 'signet key show KEY',
  update:
    'signet key update KEY [--note TEXT] [--user USER | --no-user] [--api NAME... | --no-api] [--expires WHEN|never] [--rate-limit N|none]',
  entrypoints: 'signet key entrypoints',
  allow: 'signet key allow KEY NAME',
  disable: 'signet key disable KEY',
  enable: 'signet key enable KEY',
  revoke: 'signet key revoke KEY',
  rotate: 'signet key rotate KEY [--grace DURATION]',
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
  const { values, help } = parseCommand(args, { usage: usage.list, options: { api: { type: 'string' } }, positionals: [0, 0] });
  if (help) return showUsage(host.io, usage.list);
  const keys = await withServices(host, (services) =>
    services.listKeys.execute(values.api === undefined ? {} : { entryPoint: values.api }),
  );
  if (keys.length === 0) {
    host.io.out(values.api === undefined ? 'no API keys' : `no API keys allowed on ${values.api}`);
    return 0;
  }
  const header = ['API KEY', 'USER', 'ENTRY POINTS', 'SEC KEYS', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...keys.map(summaryRow)])) host.io.out(line);
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
  host.io.out(added ? `${apiKey} may now call ${entryPoint}` : `${apiKey} may already call ${entryPoint}: nothing changed`);
  return 0;
};

/** `disable`, `enable` and `revoke`: one key, one line. */
function stateChange(
  command: 'disable' | 'enable' | 'revoke',
  operation: 'disableKey' | 'enableKey' | 'revokeKey',
  said: string,
): Subcommand {
  return async (args, host) => {
    const { positionals, help } = parseCommand(args, { usage: usage[command], options: {}, positionals: [1, 1] });
    if (help) return showUsage(host.io, usage[command]);
    const [apiKey = ''] = positionals;
    await withServices(host, (services) => services[operation].execute({ apiKey }), 'changes');
    host.io.out(`${said} ${apiKey}`);
    return 0;
  };
}

const rotate: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage.rotate,
    options: { grace: { type: 'string' } },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, usage.rotate);
  const [apiKey = ''] = positionals;
  const graceSeconds = values.grace === undefined ? undefined : parseDuration(values.grace);
  if (graceSeconds === null) {
    throw new UsageError(`"${values.grace ?? ''}" is not a duration such as 90s, 15m, 1h or 24h`, usage.rotate);
  }
  const rotated = await withServices(
    host,
    (services) => services.rotateKey.execute(graceSeconds === undefined ? { apiKey } : { apiKey, graceSeconds }),
    'changes',
  );
  host.io.out(`API key: ${rotated.apiKey}`);
  host.io.out(`SEC key: ${rotated.secretKey}`);
  host.io.out(
    rotated.previousExpiresAt === null
      ? 'previous SEC key: none was active'
      : `previous SEC key works until ${isoSeconds(rotated.previousExpiresAt)}${
          graceSeconds === undefined ? '' : ` (${describeSeconds(graceSeconds)})`
        }`,
  );
  host.io.err('The new SEC key is shown this once: keep it now.');
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

/** `--expires`: `never`, a date, or an ISO time; left for the operation to check, so the message is the site's. */
function expiry(given: string | undefined, commandUsage: string): string | null {
  if (given === undefined || given === 'never' || given === 'none') return null;
  if (given.trim() === '') throw new UsageError('--expires needs a date (2027-01-31), a time, or never', commandUsage);
  return given.trim();
}

/** `--rate-limit`: `none`, or a whole number of requests a minute. */
function rateLimit(given: string | undefined, commandUsage: string): number | null {
  if (given === undefined || given === 'none') return null;
  if (!/^\d{1,9}$/.test(given))
    throw new UsageError(`"${given}" is not a whole number of requests a minute (or none)`, commandUsage);
  return Number(given);
}

function summaryRow(key: ApiKeySummary): string[] {
  return [
    key.apiKey,
    key.username ?? '-',
    entryPointsCell(key.entryPoints),
    key.activeSecretKeys === 2 ? '2 (rotating)' : String(key.activeSecretKeys),
    isoSeconds(key.createdAt),
    key.lastUsedAt === null ? 'never' : isoSeconds(key.lastUsedAt),
    key.state,
    key.note,
  ];
}

/** A few entry points by name; more as a count, so that an admin key keeps the table readable. */
function entryPointsCell(names: readonly string[]): string {
  if (names.length === 0) return '-';
  return names.length <= 4 ? names.join(', ') : `${names.length} entry points (key show lists them)`;
}

function printKey(host: CliHost, key: ApiKeySummary): void {
  const lines: [string, string][] = [
    ['API key', key.apiKey],
    ['state', key.state],
    ['user', key.username ?? '-'],
    ['note', key.note || '-'],
    ['entry points', key.entryPoints.join(', ') || '-'],
    ['created', isoSeconds(key.createdAt)],
    [
      'last used',
      key.lastUsedAt === null ? 'never' : `${isoSeconds(key.lastUsedAt)} from ${key.lastUsedFrom ?? 'an unknown address'}`,
    ],
    ['expires', isoOr(key.expiresAt, 'never')],
    ['rate limit', key.rateLimitPerMinute === null ? 'none' : `${key.rateLimitPerMinute} requests a minute`],
    [
      'SEC keys',
      key.previousSecretKeyExpiresAt === null
        ? String(key.activeSecretKeys)
        : `${key.activeSecretKeys} (the previous one until ${isoSeconds(key.previousSecretKeyExpiresAt)})`,
    ],
  ];
  if (key.ssoHost !== null) lines.push(['SSO host', key.ssoHost]);
  for (const line of formatTable(lines.map(([name, value]) => [`${name}:`, value]))) host.io.out(line);
}
