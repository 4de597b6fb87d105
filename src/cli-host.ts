import { hostname, userInfo } from 'node:os';
import { CliConfigError, UsageError } from './adapters/cli/cli-io.js';
import type { CliHost, CliIo, CliRuntime } from './adapters/cli/run-cli.js';
import { AdminApiRefusal, AdminApiUnreachable, adminApiClient } from './adapters/http/admin/admin-api-client.js';
import { findRunningSignet, RunningSignetRefusal, serverCommandLine } from './adapters/cli/running-signet.js';
import { SystemClock } from './adapters/system/system-clock.js';
import { DEMO_ADMIN_KEY } from './application/demo/demo-data.js';
import { SignetClient } from './client/signet-client.js';
import type { Config } from './config/config.schema.js';
import { ConfigError, isProductionEnvironment, loadConfig } from './config/load-config.js';
import { commandLineActor } from './domain/admin/actor.js';
import type { Clock } from './domain/shared/clock.port.js';
import type { Logger } from './domain/shared/logger.port.js';
import { signetVersion } from './version.js';

export { signetVersion } from './version.js';

/** Commands log only what goes wrong, on stderr; their output is the answer. */
const quietLogger = (io: CliIo): Logger => ({
  info() {},
  warn() {},
  error(message) {
    io.err(`signet: ${message}`);
  },
});

/**
 * The command line's host. On a store (the one the environment names), it opens the runtime: a
 * memory store is readied as the server readies it (so that commands have the demo and the entry
 * points to work on), a persistent store is never touched beyond what the command does, and every
 * change is recorded in the audit log as made on the command line by this OS user on this host.
 * With `--server URL` (or SIGNET_URL) it acts through that Signet's admin API instead, signed (v2)
 * with SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET (outside production, the demo admin key by default).
 * On a memory store, while a Signet answers on PORT, it acts on that Signet as `--server` would, or
 * refuses: a store of its own would be a copy that the command's changes vanish with.
 */
export function cliHost(io: CliIo, clock: Clock = new SystemClock()): CliHost {
  const isProduction = isProductionEnvironment(io.env);
  return {
    io,
    clock,
    version: signetVersion(),
    isProduction,
    async open(target = {}): Promise<CliRuntime> {
      const server = target.server ?? io.env.SIGNET_URL;
      if (server !== undefined && server !== '') return openServer(io, clock, server, isProduction);
      const config = readConfig(io);
      if (config.store === 'memory') {
        const running = await findRunningSignet(config.host, config.port);
        if (running.kind === 'silence') {
          throw RunningSignetRefusal.silence(running.url, target.command ?? []);
        }
        if (running.kind === 'signet') return openRunningSignet(io, clock, running.url, isProduction, target.command ?? []);
      }
      return openStore(io, config);
    },
  };
}

function readConfig(io: CliIo): Config {
  try {
    return loadConfig(io.env);
  } catch (error) {
    if (error instanceof ConfigError) throw new CliConfigError(error.problems);
    throw error;
  }
}

async function openStore(io: CliIo, config: Config): Promise<CliRuntime> {
  // Imported here, not at the top: the runtime loads every adapter and driver, which `--help`, `sign`
  // and a command against `--server` never need, and which costs most of a command's start.
  const [{ startRuntime }, { adminServicesFor }] = await Promise.all([
    import('./runtime.js'),
    import('./application/admin/admin-services.js'),
  ]);
  const runtime = await startRuntime(config, { prepareData: config.store === 'memory', logger: quietLogger(io) });
  const actor = commandLineActor(osUser(io), hostname());
  return {
    services: adminServicesFor(runtime.cradle, actor, () => runtime.entryPoints),
    ephemeral: config.store === 'memory',
    close: () => runtime.close(),
  };
}

async function openServer(io: CliIo, clock: Clock, server: string, isProduction: boolean): Promise<CliRuntime> {
  if (!URL.canParse(server) || !/^https?:$/.test(new URL(server).protocol)) {
    throw new UsageError(`--server "${server}" is not an http(s) URL`, 'signet --server URL <command> ...');
  }
  const key = adminKey(io, isProduction);
  if (typeof key === 'string') {
    throw new CliConfigError([
      `${key}: required with --server${isProduction ? ' in production (there is no demo admin key there)' : ''}: an admin key allowed the admin API's entry points, and its SEC key`,
    ]);
  }
  return adminApiRuntime(clock, server, key);
}

/**
 * A memory store is each process's own: a command run beside a Signet on that store would read and
 * change a copy that vanishes when it ends. It acts on the running Signet through its admin API
 * instead, with the admin key the environment gives (outside production, the demo's), and says so;
 * when it has no key that Signet accepts, it refuses, and prints the `--server` line to use.
 */
async function openRunningSignet(
  io: CliIo,
  clock: Clock,
  server: string,
  isProduction: boolean,
  command: readonly string[],
): Promise<CliRuntime> {
  const key = adminKey(io, isProduction);
  if (typeof key === 'string') {
    throw RunningSignetRefusal.noKey(server, command, `${key} ${key.includes(' and ') ? 'are' : 'is'} not set`);
  }
  const runtime = adminApiRuntime(clock, server, key);
  try {
    await runtime.services.listEntryPoints.execute({});
  } catch (error) {
    if (error instanceof AdminApiRefusal || error instanceof AdminApiUnreachable) {
      throw RunningSignetRefusal.noKey(
        server,
        command,
        `its admin API refused the ${io.env.SIGNET_ADMIN_KEY ? 'given' : 'demo'} admin key (${error.message})`,
      );
    }
    throw error;
  }
  io.err(
    `note: a Signet answers on ${server} on the memory store: acting on it through its admin API, as ${serverCommandLine(server, command)} does`,
  );
  return runtime;
}

/** The admin key from SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET, the demo's outside production, or the names missing. */
function adminKey(io: CliIo, isProduction: boolean): { apiKey: string; secretKey: string } | string {
  const apiKey = io.env.SIGNET_ADMIN_KEY;
  const secretKey = io.env.SIGNET_ADMIN_SECRET;
  if (apiKey && secretKey) return { apiKey, secretKey };
  if (!apiKey && !secretKey && !isProduction) return { apiKey: DEMO_ADMIN_KEY.apiKey, secretKey: DEMO_ADMIN_KEY.secretKey };
  return apiKey ? 'SIGNET_ADMIN_SECRET' : secretKey ? 'SIGNET_ADMIN_KEY' : 'SIGNET_ADMIN_KEY and SIGNET_ADMIN_SECRET';
}

function adminApiRuntime(clock: Clock, server: string, key: { apiKey: string; secretKey: string }): CliRuntime {
  const client = new SignetClient({ baseUrl: server, ...key, protocol: 'v2', now: () => clock.now() });
  return { services: adminApiClient(client, server.replace(/\/+$/, '')), ephemeral: false, close: async () => {} };
}

/** Who runs the command, for the audit log: the OS user. */
function osUser(io: CliIo): string {
  try {
    return userInfo().username;
  } catch {
    return io.env.USER ?? io.env.LOGNAME ?? 'unknown';
  }
}
