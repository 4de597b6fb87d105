import type { ApiKeySummary } from '../../application/credentials/list-api-keys.js';
import {
  isoSeconds,
  noteMemoryStore,
  onStore,
  runSubcommand,
  showUsage,
  type CommandContext,
  type Subcommand,
} from './command-group.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

export const keyUsage = {
  create: 'signet key create [--user USER] [--api NAME]... [--note TEXT]',
  list: 'signet key list',
  entrypoints: 'signet key entrypoints',
  allow: 'signet key allow KEY NAME',
  revoke: 'signet key revoke KEY',
  rotate: 'signet key rotate KEY',
} as const;

/** `key <create|list|entrypoints|allow|revoke|rotate> ...`; resolves the exit status. */
export function keyCommand(args: readonly string[], context: CommandContext): Promise<number> {
  return runSubcommand('key', subcommands, args, context);
}

const create: Subcommand = async (args, { config, io }) => {
  const { values, help } = parseCommand(args, {
    usage: keyUsage.create,
    options: { user: { type: 'string' }, api: { type: 'string', multiple: true }, note: { type: 'string' } },
    positionals: [0, 0],
  });
  if (help) return showUsage(io, keyUsage.create);
  const created = await onStore(config, (cradle) =>
    cradle.createApiKey.execute({ username: values.user ?? null, entryPoints: values.api ?? [], note: values.note ?? '' }),
  );
  io.out(`API key: ${created.apiKey}`);
  io.out(`SEC key: ${created.secretKey}`);
  io.err('The SEC key is shown this once: keep it now.');
  noteMemoryStore(config, io);
  return 0;
};

const list: Subcommand = async (args, { config, io }) => {
  if (parseCommand(args, { usage: keyUsage.list, options: {}, positionals: [0, 0] }).help) return showUsage(io, keyUsage.list);
  const keys = await onStore(config, (cradle) => cradle.listApiKeys.execute());
  if (keys.length === 0) {
    io.out('no API keys');
    return 0;
  }
  const header = ['API KEY', 'USER', 'ENTRY POINTS', 'SEC KEYS', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...keys.map(summaryRow)])) io.out(line);
  return 0;
};

const entrypoints: Subcommand = async (args, { config, io }) => {
  const usage = keyUsage.entrypoints;
  if (parseCommand(args, { usage, options: {}, positionals: [0, 0] }).help) return showUsage(io, usage);
  const entryPoints = await onStore(config, (cradle) => cradle.credentialStore.listEntryPoints());
  if (entryPoints.length === 0) {
    io.out('no entry points (run reload-entrypoints)');
    return 0;
  }
  const rows = entryPoints.map((entry) => [entry.name, entry.method, entry.path]);
  for (const line of formatTable([['NAME', 'METHOD', 'PATH'], ...rows])) io.out(line);
  return 0;
};

const allow: Subcommand = async (args, { config, io }) => {
  const { positionals, help } = parseCommand(args, { usage: keyUsage.allow, options: {}, positionals: [2, 2] });
  if (help) return showUsage(io, keyUsage.allow);
  const [apiKey, entryPoint] = positionals as [string, string];
  await onStore(config, (cradle) => cradle.allowEntryPoint.execute(apiKey, entryPoint));
  io.out(`${apiKey} may now call ${entryPoint}`);
  noteMemoryStore(config, io);
  return 0;
};

const revoke: Subcommand = async (args, { config, io }) => {
  const { positionals, help } = parseCommand(args, { usage: keyUsage.revoke, options: {}, positionals: [1, 1] });
  if (help) return showUsage(io, keyUsage.revoke);
  const [apiKey] = positionals as [string];
  await onStore(config, (cradle) => cradle.revokeApiKey.execute(apiKey));
  io.out(`revoked ${apiKey}`);
  noteMemoryStore(config, io);
  return 0;
};

const rotate: Subcommand = async (args, { config, io }) => {
  const { positionals, help } = parseCommand(args, { usage: keyUsage.rotate, options: {}, positionals: [1, 1] });
  if (help) return showUsage(io, keyUsage.rotate);
  const [apiKey] = positionals as [string];
  const rotated = await onStore(config, (cradle) => cradle.rotateApiKey.execute(apiKey));
  io.out(`API key: ${rotated.apiKey}`);
  io.out(`SEC key: ${rotated.secretKey}`);
  io.out(
    rotated.previousExpiresAt === null
      ? 'previous SEC key: none was active'
      : `previous SEC key works until ${isoSeconds(rotated.previousExpiresAt)}`,
  );
  io.err('The new SEC key is shown this once: keep it now.');
  noteMemoryStore(config, io);
  return 0;
};

const subcommands = new Map<string, Subcommand>([
  ['create', create],
  ['list', list],
  ['entrypoints', entrypoints],
  ['allow', allow],
  ['revoke', revoke],
  ['rotate', rotate],
]);

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
