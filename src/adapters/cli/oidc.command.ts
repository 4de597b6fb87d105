import type { OidcClientSummary } from '../../application/oidc/manage-oidc-clients.js';
import { UsageError } from './cli-io.js';
import type { CliHost, OidcCliServices } from './cli-host.js';
import { isoSeconds, runSubcommand, showUsage, type CommandGroup, type Subcommand } from './command-group.js';
import { parseCommand } from './parse-args.js';
import { formatTable } from './table.js';

const usage = {
  create:
    'signet oidc client create --redirect-uri URI... [--client-id ID] [--name NAME] [--post-logout-uri URI]... [--scope SCOPE]... [--first-party] [--public]',
  list: 'signet oidc client list',
  disable: 'signet oidc client disable CLIENT_ID',
  enable: 'signet oidc client enable CLIENT_ID',
  remove: 'signet oidc client remove CLIENT_ID',
} as const;

/** Runs `work` on the store's OpenID clients; refused with `--server` (the admin API does not serve them yet). */
async function withOidc<T>(host: CliHost, work: (oidc: OidcCliServices) => Promise<T>, commandUsage: string): Promise<T> {
  const runtime = await host.open();
  try {
    if (runtime.oidc === undefined) {
      throw new UsageError(
        'the oidc commands act on the store only: run them without --server (and without SIGNET_URL)',
        commandUsage,
      );
    }
    return await work(runtime.oidc);
  } finally {
    await runtime.close();
  }
}

const create: Subcommand = async (args, host) => {
  const { values, help } = parseCommand(args, {
    usage: usage.create,
    options: {
      'redirect-uri': { type: 'string', multiple: true },
      'post-logout-uri': { type: 'string', multiple: true },
      scope: { type: 'string', multiple: true },
      'client-id': { type: 'string' },
      name: { type: 'string' },
      'first-party': { type: 'boolean' },
      public: { type: 'boolean' },
    },
    positionals: [0, 0],
  });
  if (help) return showUsage(host.io, usage.create);
  const redirectUris = values['redirect-uri'] ?? [];
  if (redirectUris.length === 0) throw new UsageError('--redirect-uri is required (one or more)', usage.create);
  const { client, secret } = await withOidc(
    host,
    (oidc) =>
      oidc.create({
        clientId: values['client-id'],
        name: values.name ?? '',
        redirectUris,
        postLogoutRedirectUris: values['post-logout-uri'],
        scopes: values.scope,
        firstParty: values['first-party'] === true,
        isPublic: values.public === true,
      }),
    usage.create,
  );
  host.io.out(`client id:     ${client.clientId}`);
  host.io.out(`client secret: ${secret ?? '(none: a public client, PKCE only)'}`);
  host.io.out(`redirect URIs: ${client.redirectUris.join(' ')}`);
  host.io.out(`scopes:        ${client.scopes.join(' ')}`);
  host.io.out(`first-party:   ${client.firstParty ? 'yes (no consent asked)' : 'no (consent asked once)'}`);
  if (secret !== null) host.io.err("The client secret is shown this once: put it in the application's settings now.");
  return 0;
};

const list: Subcommand = async (args, host) => {
  if (parseCommand(args, { usage: usage.list, options: {}, positionals: [0, 0] }).help) return showUsage(host.io, usage.list);
  const clients = await withOidc(host, (oidc) => oidc.list(), usage.list);
  if (clients.length === 0) {
    host.io.out('no OpenID clients');
    return 0;
  }
  const header = ['CLIENT ID', 'NAME', 'TYPE', 'FIRST-PARTY', 'STATUS', 'CREATED', 'REDIRECT URIS'];
  for (const line of formatTable([header, ...clients.map(row)])) host.io.out(line);
  return 0;
};

function switchCommand(name: 'disable' | 'enable'): Subcommand {
  return async (args, host) => {
    const { positionals, help } = parseCommand(args, { usage: usage[name], options: {}, positionals: [1, 1] });
    if (help) return showUsage(host.io, usage[name]);
    const [clientId = ''] = positionals;
    await withOidc(host, (oidc) => oidc.setDisabled(clientId, name === 'disable'), usage[name]);
    host.io.out(`${name}d ${clientId}`);
    return 0;
  };
}

const remove: Subcommand = async (args, host) => {
  const { positionals, help } = parseCommand(args, { usage: usage.remove, options: {}, positionals: [1, 1] });
  if (help) return showUsage(host.io, usage.remove);
  const [clientId = ''] = positionals;
  await withOidc(host, (oidc) => oidc.remove(clientId), usage.remove);
  host.io.out(`removed ${clientId}`);
  return 0;
};

export const oidcClientCommands: CommandGroup = {
  name: 'oidc client',
  subcommands: new Map([
    ['create', { run: create, usage: usage.create }],
    ['list', { run: list, usage: usage.list }],
    ['disable', { run: switchCommand('disable'), usage: usage.disable }],
    ['enable', { run: switchCommand('enable'), usage: usage.enable }],
    ['remove', { run: remove, usage: usage.remove }],
  ]),
};

/** `oidc client <create|list|disable|enable|remove> ...`: the OpenID Connect clients; resolves the exit status. */
export function oidcCommand(args: readonly string[], host: CliHost): Promise<number> {
  const [group, ...rest] = args;
  if (group !== 'client') {
    throw new UsageError(
      group === undefined ? 'oidc needs a command' : `unknown oidc command "${group}"`,
      Object.values(usage).join('\n       '),
    );
  }
  return runSubcommand(oidcClientCommands, rest, host);
}

function row(client: OidcClientSummary): string[] {
  return [
    client.clientId,
    client.name,
    client.confidential ? 'confidential' : 'public',
    client.firstParty ? 'yes' : 'no',
    client.disabled ? 'disabled' : 'enabled',
    isoSeconds(client.createdAt),
    client.redirectUris.join(' '),
  ];
}
