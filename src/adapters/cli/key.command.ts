import type { ApiKeySummary } from '../../application/credentials/list-api-keys.js';
import type { CommandGroup, Subcommand } from './command-group.js';
import { isoSeconds, runSubcommand, showUsage, withServices } from './command-group.js';
import type { CliHost } from './cli-host.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

const usage = {
  create: 'signet key create [--user USER] [--api NAME]... [--note TEXT]',
  list: 'signet key list',
  entrypoints: 'signet key entrypoints',
  allow: 'signet key allow KEY NAME',
  revoke: 'signet key revoke KEY',
  rotate: 'signet key rotate KEY',
} as const;

const create: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.create,
    options: { user: { type: 'string' }, api: { type: 'string', multiple: true }, note: { type: 'string' } },
    positionals: [0, 0],
    mayBeEmpty: ['note'],
  });
  if (help) return showUsage(host.io, usage.create);
  const created = await withServices(
    host,
    (services) =>
      services.createApiKey.execute({ username: values.user ?? null, entryPoints: values.api ?? [], note: values.note ?? '' }),
    'changes',
  );
  host.io.out(`API key: ${created.apiKey}`);
  host.io.out(`SEC key: ${created.secretKey}`);
  host.io.err('The SEC key is shown this once: keep it now.');
  return 0;
};

const list: Subcommand = async (args, host) => {
  if (parseCommand(args, { usage: usage.list, options: {}, positionals: [0, 0] }).help) return showUsage(host.io, usage.list);
  const keys = await withServices(host, (services) => services.listApiKeys.execute());
  if (keys.length === 0) {
    host.io.out('no API keys');
    return 0;
  }
  const header = ['API KEY', 'USER', 'ENTRY POINTS', 'SEC KEYS', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...keys.map(summaryRow)])) host.io.out(line);
  return 0;
};

const entrypoints: Subcommand = async (args, host) => {
  if (parseCommand(args, { usage: usage.entrypoints, options: {}, positionals: [0, 0] }).help) {
    return showUsage(host.io, usage.entrypoints);
  }
  const entryPoints = await withServices(host, (services) => services.listEntryPoints.execute());
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
  const added = await withServices(host, (services) => services.allowEntryPoint.execute(apiKey, entryPoint), 'changes');
  host.io.out(added ? `${apiKey} may now call ${entryPoint}` : `${apiKey} may already call ${entryPoint}: nothing changed`);
  return 0;
};

const revoke: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.revoke, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.revoke);
  const [apiKey = ''] = positionals;
  await withServices(host, (services) => services.revokeApiKey.execute(apiKey), 'changes');
  host.io.out(`revoked ${apiKey}`);
  return 0;
};

const rotate: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.rotate, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.rotate);
  const [apiKey = ''] = positionals;
  const rotated = await withServices(host, (services) => services.rotateApiKey.execute(apiKey), 'changes');
  host.io.out(`API key: ${rotated.apiKey}`);
  host.io.out(`SEC key: ${rotated.secretKey}`);
  host.io.out(
    rotated.previousExpiresAt === null
      ? 'previous SEC key: none was active'
      : `previous SEC key works until ${isoSeconds(rotated.previousExpiresAt)}`,
  );
  host.io.err('The new SEC key is shown this once: keep it now.');
  return 0;
};

export const keyCommands: CommandGroup = {
  name: 'key',
  subcommands: new Map([
    ['create', { run: create, usage: usage.create }],
    ['list', { run: list, usage: usage.list }],
    ['entrypoints', { run: entrypoints, usage: usage.entrypoints }],
    ['allow', { run: allow, usage: usage.allow }],
    ['revoke', { run: revoke, usage: usage.revoke }],
    ['rotate', { run: rotate, usage: usage.rotate }],
  ]),
};

/** `key <create|list|entrypoints|allow|revoke|rotate> ...`; resolves the exit status. */
export function keyCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(keyCommands, args, host);
}

function summaryRow(key: ApiKeySummary): string[] {
  return [
    key.apiKey,
    key.username ?? '-',
    key.entryPoints.join(', ') || '-',
    key.activeSecretKeys === 2 ? '2 (rotating)' : String(key.activeSecretKeys),
    isoSeconds(key.createdAt),
    key.lastUsedAt === null ? 'never' : isoSeconds(key.lastUsedAt),
    key.revoked ? 'revoked' : 'active',
    key.note,
  ];
}
