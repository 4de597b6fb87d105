import type { SsoHostSummary } from '../../application/sso-provider/list-sso-hosts.js';
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

export const ssoUsage = {
  'add-host': 'signet sso add-host HOST [--note TEXT]',
  list: 'signet sso list',
  remove: 'signet sso remove HOST',
} as const;

/** `sso <add-host|list|remove> ...`: the client apps allowed to use the SSO provider; resolves the exit status. */
export function ssoCommand(args: readonly string[], context: CommandContext): Promise<number> {
  return runSubcommand('sso', subcommands, args, context);
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
  io.err("The SEC key is shown this once: put the pair in the client app's settings now.");
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
