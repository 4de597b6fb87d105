import { API_AUTH_REFUSAL_NAMES } from '../../domain/api-auth/api-auth.errors.js';
import type { CliHost } from './cli-host.js';
import { isoSeconds, runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

const usage = {
  list: 'signet audit list [--actor WHO] [--action WHAT] [--target ON] [--via admin-site|admin-api|command-line] [--since WHEN] [--until WHEN] [--limit N] [--before ID]',
  failures: 'signet audit failures [--key KEY|(unknown)] [--reason CODE] [--since WHEN] [--until WHEN]',
} as const;

const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.list,
    options: {
      actor: { type: 'string' },
      action: { type: 'string' },
      target: { type: 'string' },
      via: { type: 'string' },
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      before: { type: 'string' },
    },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage.list);
  const page = await withServices(host, (services) => services.listAudit.executeUntyped(definedOnly(values)));
  if (page.entries.length === 0) {
    host.io.out('no changes');
    return 0;
  }
  const rows = page.entries.map((entry) => [
    isoSeconds(entry.at),
    entry.actor,
    entry.via,
    entry.address ?? '-',
    entry.action,
    entry.target,
    Object.entries(entry.details)
      .map(([name, value]) => `${name}=${Array.isArray(value) ? value.join(',') : String(value)}`)
      .join(' '),
  ]);
  for (const line of formatTable([['WHEN', 'WHO', 'THROUGH', 'FROM', 'WHAT', 'ON', 'DETAILS'], ...rows])) host.io.out(line);
  if (page.next !== null) host.io.out(`older changes: --before ${page.next}`);
  return 0;
};

const failures: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.failures,
    options: { key: { type: 'string' }, reason: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' } },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage.failures);
  const { key, ...rest } = values;
  const sums = await withServices(host, (services) =>
    services.listFailures.executeUntyped(definedOnly({ ...rest, apiKey: key })),
  );
  if (sums.length === 0) {
    host.io.out('no refused requests');
    return 0;
  }
  const names: Readonly<Record<string, string>> = API_AUTH_REFUSAL_NAMES;
  const rows = sums.map((sum) => [
    sum.apiKey ?? '(unknown)',
    names[sum.reason] ?? sum.reason,
    String(sum.count),
    isoSeconds(sum.firstAt),
    isoSeconds(sum.lastAt),
  ]);
  for (const line of formatTable([['KEY', 'REASON', 'COUNT', 'FIRST', 'LAST'], ...rows])) host.io.out(line);
  return 0;
};

export const auditCommands: CommandGroup = {
  name: 'audit',
  subcommands: new Map([
    ['list', { run: list, usage: usage.list }],
    ['failures', { run: failures, usage: usage.failures }],
  ]),
};

/** `audit <list|failures> ...`: the record of changes, and the refused requests; resolves the exit status. */
export function auditCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(auditCommands, args, host);
}

function definedOnly(values: Readonly<Record<string, string | boolean | undefined>>): Record<string, string> {
  const given: Record<string, string> = {};
  for (const [name, value] of Object.entries(values)) if (typeof value === 'string') given[name] = value;
  return given;
}
