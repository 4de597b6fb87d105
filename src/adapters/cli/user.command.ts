import type { UserSummary } from '../../application/admin/user-summary.js';
import { UsageError, type CliIo } from './cli-io.js';
import type { CliHost } from './cli-host.js';
import { isoOr, runSubcommand, showUsage, withServices, type CommandGroup, type Subcommand } from './command-group.js';
import { pageInput, pageOptions, pageUsage, reportPage } from './list-pages.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';
import { printable } from './terminal-text.js';

const usage = {
  list: `signet user list ${pageUsage}`,
  create:
    'signet user create USERNAME [--email EMAIL] [--first-name NAME] [--last-name NAME] [--staff] [--superuser] [--inactive] (password in SIGNET_PASSWORD, or --password)',
  'set-password': 'signet user set-password USERNAME (password in SIGNET_PASSWORD, or --password)',
  'set-flags': 'signet user set-flags USERNAME [--staff | --no-staff] [--active | --no-active]',
  'reset-factors': 'signet user reset-factors USERNAME',
} as const;

const list: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, { usage: usage.list, options: pageOptions, positionals: [0, 0] });
  if (help) return showUsage(host.io, usage.list);
  const users = await withServices(host, (services) => services.listUsers.execute(pageInput(values)));
  const header = ['USERNAME', 'NAME', 'EMAIL', 'STAFF', 'ACTIVE', 'KEYS MAY ACT AS', 'LAST LOGIN'];
  for (const line of formatTable([header, ...users.items.map(userRow)])) host.io.out(line);
  reportPage(host.io, users, 'users');
  return 0;
};

const create: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage.create,
    options: {
      email: { type: 'string' },
      'first-name': { type: 'string' },
      'last-name': { type: 'string' },
      staff: { type: 'boolean' },
      superuser: { type: 'boolean' },
      inactive: { type: 'boolean' },
      password: { type: 'string' },
    },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, usage.create);
  const [username = ''] = positionals;
  const input = {
    username,
    password: password(values.password, host.io, usage.create),
    ...(values.email === undefined ? {} : { email: values.email }),
    ...(values['first-name'] === undefined ? {} : { firstName: values['first-name'] }),
    ...(values['last-name'] === undefined ? {} : { lastName: values['last-name'] }),
    isStaff: values.staff === true,
    isSuperuser: values.superuser === true,
    isActive: values.inactive !== true,
  };
  const created = await withServices(host, (services) => services.createUser.execute(input), 'changes');
  host.io.out(
    `created user ${printable(created.username)}${created.isStaff ? ' (staff)' : ''}${created.isActive ? '' : ' (inactive)'}`,
  );
  return 0;
};

const setPassword: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage['set-password'],
    options: { password: { type: 'string' } },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, usage['set-password']);
  const [username = ''] = positionals;
  const input = { username, password: password(values.password, host.io, usage['set-password']) };
  await withServices(host, (services) => services.setPassword.execute(input), 'changes');
  host.io.out(`set the password of ${printable(username)}`);
  return 0;
};

const setFlags: Subcommand = async (args, host) => {
  const { values, positionals, help } = parseCommand(args, {
    usage: usage['set-flags'],
    options: {
      staff: { type: 'boolean' },
      'no-staff': { type: 'boolean' },
      active: { type: 'boolean' },
      'no-active': { type: 'boolean' },
    },
    positionals: [1, 1],
  });
  if (help) return showUsage(host.io, usage['set-flags']);
  const [username = ''] = positionals;
  const isStaff = flag(values.staff, values['no-staff'], 'staff');
  const isActive = flag(values.active, values['no-active'], 'active');
  if (isStaff === undefined && isActive === undefined) {
    throw new UsageError('nothing to change: give --staff, --no-staff, --active or --no-active', usage['set-flags']);
  }
  const input = { username, ...(isStaff === undefined ? {} : { isStaff }), ...(isActive === undefined ? {} : { isActive }) };
  const changed = await withServices(host, (services) => services.setUserFlags.execute(input), 'changes');
  host.io.out(
    `${printable(changed.username)}: staff ${changed.isStaff ? 'yes' : 'no'}, active ${changed.isActive ? 'yes' : 'no'}`,
  );
  return 0;
};

/** Superusers only, over --server: for a user who lost their second factors; their sessions end too. */
const resetFactors: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage['reset-factors'], options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage['reset-factors']);
  const [username = ''] = positionals;
  const reset = await withServices(host, (services) => services.resetUserFactors.execute({ username }), 'changes');
  host.io.out(
    `${printable(reset.username)}: removed ${reset.factorsRemoved} second factor${reset.factorsRemoved === 1 ? '' : 's'} and ${reset.passkeysRemoved} passkey${reset.passkeysRemoved === 1 ? '' : 's'}, with the recovery codes; every session of theirs ended`,
  );
  return 0;
};

export const userCommands: CommandGroup = {
  name: 'user',
  subcommands: new Map([
    ['list', { run: list, usage: usage.list }],
    ['create', { run: create, usage: usage.create }],
    ['set-password', { run: setPassword, usage: usage['set-password'] }],
    ['set-flags', { run: setFlags, usage: usage['set-flags'] }],
    ['reset-factors', { run: resetFactors, usage: usage['reset-factors'] }],
  ]),
};

/** `user <list|create|set-password|set-flags|reset-factors> ...`: the provider's users; resolves the exit status. */
export function userCommand(args: readonly string[], host: CliHost): Promise<number> {
  return runSubcommand(userCommands, args, host);
}

/** The new password: `--password`, else SIGNET_PASSWORD, which other users of the machine cannot read in `ps`. */
function password(given: string | undefined, io: CliIo, commandUsage: string): string {
  const chosen = given ?? io.env.SIGNET_PASSWORD;
  if (chosen === undefined || chosen === '')
    throw new UsageError('give the password in SIGNET_PASSWORD (or --password)', commandUsage);
  return chosen;
}

function flag(on: boolean | undefined, off: boolean | undefined, name: string): boolean | undefined {
  if (on && off) throw new UsageError(`give --${name} or --no-${name}, not both`, usage['set-flags']);
  return on ? true : off ? false : undefined;
}

function userRow(user: UserSummary): string[] {
  return [
    user.username,
    `${user.firstName} ${user.lastName}`.trim() || '-',
    user.email || '-',
    user.isStaff ? 'yes' : 'no',
    user.isActive ? 'yes' : 'no',
    user.bindable ? 'yes' : 'no',
    isoOr(user.lastLogin, 'never'),
  ];
}
