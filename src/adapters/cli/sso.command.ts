import type { SsoHostSummary } from '../../application/sso-provider/list-sso-hosts.js';
import type { Config } from '../../config/config.schema.js';
import type { Cradle } from '../../container.js';
import { UsageError, type CliIo } from './cli-io.js';
import { withContainer } from './cli-container.js';
import { isoSeconds, type CommandContext } from './key.command.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

type Subcommand = (args: readonly string[], context: CommandContext) => Promise<number>;

export const ssoUsage = {
  'add-host': 'signet sso add-host HOST [--note TEXT]',
  list: 'signet sso list',
  remove: 'signet sso remove HOST',
} as const;

/** `sso <add-host|list|remove> ...`: the client apps allowed to use the SSO provider; resolves the exit status. */
export function ssoCommand(args: readonly string[], context: CommandContext): Promise<number> {
  const [name, ...rest] = args;
  const subcommand = name === undefined ? undefined : subcommands.get(name);
  if (!subcommand) {
    const usage = `signet sso <${[...subcommands.keys()].join('|')}> ...`;
    throw new UsageError(name === undefined ? 'sso needs a command' : `unknown sso command "${name}"`, usage);
  }
  return subcommand(rest, context);
}

const addHost: Subcommand = async (args, { config, io }) => {
  const usage = ssoUsage['add-host'];
  const { values, positionals, help } = parseCommand(args, { usage, options: { note: { type: 'string' } }, positionals: [1, 1] });
  if (help) return showUsage(io, usage);
  const [host] = positionals as [string];
  const added = await onStore(config, (cradle) =>
    cradle.addSsoHost.execute(values.note === undefined ? { host } : { host, note: values.note }),
  );
  io.out(`host:    ${added.host}`);
  io.out(`API key: ${added.apiKey}`);
  io.out(`SEC key: ${added.secretKey}`);
  io.err('The SEC key is shown this once: put the pair in the client app\'s settings now.');
  noteMemoryStore(config, io);
  return 0;
};

const list: Subcommand = async (args, { config, io }) => {
  if (parseCommand(args, { usage: ssoUsage.list, options: {}, positionals: [0, 0] }).help) return showUsage(io, ssoUsage.list);
  const hosts = await onStore(config, (cradle) => cradle.listSsoHosts.execute());
  if (hosts.length === 0) {
    io.out('no SSO hosts');
    return 0;
  }
  const header = ['HOST', 'API KEY', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...hosts.map(summaryRow)])) io.out(line);
  return 0;
};

const remove: Subcommand = async (args, { config, io }) => {
  const { positionals, help } = parseCommand(args, { usage: ssoUsage.remove, options: {}, positionals: [1, 1] });
  if (help) return showUsage(io, ssoUsage.remove);
  const [host] = positionals as [string];
  const revoked = await onStore(config, (cradle) => cradle.removeSsoHost.execute(host));
  io.out(`removed ${host}: revoked API key ${revoked.join(', ')}`);
  noteMemoryStore(config, io);
  return 0;
};

const subcommands = new Map<string, Subcommand>([
  ['add-host', addHost],
  ['list', list],
  ['remove', remove],
]);

/** Runs one use case on the configured store; a memory store starts out as the server's would. */
function onStore<T>(config: Config, work: (cradle: Cradle) => Promise<T>): Promise<T> {
  return withContainer(config, { seedMemoryStore: true }, (container) => work(container.cradle));
}

function showUsage(io: CliIo, usage: string): number {
  io.out(`usage: ${usage}`);
  return 0;
}

function noteMemoryStore(config: Config, io: CliIo): void {
  if (config.store === 'memory') io.err('note: STORE=memory lives in this process only; set STORE=mongo to keep changes');
}

function summaryRow(host: SsoHostSummary): string[] {
  return [
    host.host,
    host.apiKey,
    isoSeconds(host.createdAt),
    host.lastUsedAt === null ? 'never' : isoSeconds(host.lastUsedAt),
    host.revoked ? 'removed' : 'active',
    host.note,
  ];
}
