import type { SsoHostSummary } from '../../application/sso-provider/list-sso-hosts.js';
import { normalizeSsoHost } from '../../domain/sso-provider/sso-host.js';
import { UsageError } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { isoSeconds, runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { pageInput, pageOptions, pageUsage, reportPage } from './list-pages.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

const usage = {
  'add-host': 'signet sso add-host HOST [--note TEXT]',
  list: `signet sso list ${pageUsage}`,
  remove: 'signet sso remove HOST',
} as const;

const addHost: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage['add-host'],
    options: { note: { type: 'string' } },
    positionals: [1, 1],
    mayBeEmpty: ['note'],
  });
  if (help) return showUsage(host.io, usage['add-host']);
  const name = hostArgument(positionals, usage['add-host']);
  const added = await withServices(
    host,
    (services) => services.addSsoHost.execute(values.note === undefined ? { host: name } : { host: name, note: values.note }),
    'changes',
  );
  host.io.out(`host:    ${printable(added.host)}`);
  host.io.out(`API key: ${added.apiKey}`);
  host.io.out(`SEC key: ${added.secretKey}`);
  host.io.err("The SEC key is shown this once: put the pair in the client app's settings now.");
  return 0;
};

const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, { usage: usage.list, options: pageOptions, positionals: [0, 0] });
  if (help) return showUsage(host.io, usage.list);
  const hosts = await withServices(host, (services) => services.listSsoHosts.execute(pageInput(values)));
  if (hosts.total === 0) {
    host.io.out(values.search === undefined ? 'no SSO hosts' : `no SSO hosts matching "${values.search}"`);
    return 0;
  }
  const header = ['HOST', 'API KEY', 'CREATED', 'LAST USED', 'STATUS', 'NOTE'];
  for (const line of formatTable([header, ...hosts.items.map(summaryRow)])) host.io.out(line);
  reportPage(host.io, hosts, 'SSO hosts');
  return 0;
};

const remove: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.remove, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.remove);
  const name = hostArgument(positionals, usage.remove);
  const { revoked } = await withServices(host, (services) => services.removeSsoHost.execute({ host: name }), 'changes');
  host.io.out(`removed ${printable(name)}: revoked API key ${revoked.join(', ')}`);
  return 0;
};

export const ssoCommands: CommandGroup = {
  name: 'sso',
  subcommands: new Map([
    ['add-host', { run: addHost, usage: usage['add-host'] }],
    ['list', { run: list, usage: usage.list }],
    ['remove', { run: remove, usage: usage.remove }],
  ]),
};

/** `sso <add-host|list|remove> ...`: the client apps allowed to use the SSO provider; resolves the exit status. */
export function ssoCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(ssoCommands, args, host);
}

/** A malformed host is a mistake in the arguments (exit 2), found before anything is opened. */
function hostArgument(positionals: readonly string[], commandUsage: string): string {
  const [name = ''] = positionals;
  if (normalizeSsoHost(name) === null) {
    throw new UsageError(`"${name}" is not a host name with an optional port, such as localhost:8000`, commandUsage);
  }
  return name;
}

function summaryRow(summary: SsoHostSummary): string[] {
  return [
    summary.host,
    summary.apiKey,
    isoSeconds(summary.createdAt),
    summary.lastUsedAt === null ? 'never' : isoSeconds(summary.lastUsedAt),
    summary.revoked ? 'removed' : 'active',
    summary.note,
  ];
}
