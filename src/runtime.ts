import type Koa from 'koa';
import type { Resolver } from 'awilix';
import { discoverEntryPoints } from './adapters/http/api-auth/entry-point-discovery.js';
import { createApp } from './adapters/http/create-app.js';
import { buildRouters } from './adapters/http/routers.js';
import type { SignetRouter } from './adapters/http/signet-context.js';
import { createPinoLogger } from './adapters/system/pino-logger.js';
import { DefaultUserSerializer } from './adapters/system/default-user-serializer.js';
import { loadModuleUserSerializer } from './adapters/system/module-user-serializer.js';
import { loadReaderPolicy } from './adapters/system/reader-policy-loader.js';
import type { Config } from './config/config.schema.js';
import { buildContainer, type Cradle, type SignetContainer } from './container.js';
import type { EntryPoint } from './domain/api-auth/entry-point.js';
import type { Logger } from './domain/shared/logger.port.js';
import type { UserSerializer } from './domain/users/user-serializer.port.js';
import { signetVersion } from './version.js';

export interface RuntimeOptions {
  /** Registrations that replace the configured ones before anything is resolved (tests: a fixed clock). */
  overrides?: { [Name in keyof Cradle]?: Resolver<Cradle[Name]> };
  /**
   * Ready the data as the server does (entry points; the demo where it runs). The command line skips
   * it on a persistent store, whose data is an operator's.
   */
  prepareData?: boolean;
  /** Where the log goes; the configured logger by default. */
  logger?: Logger;
}

/** Signet put together: the container, its routers and the app, with open connections. */
export interface Runtime {
  readonly config: Config;
  readonly container: SignetContainer;
  readonly cradle: Cradle;
  readonly routers: readonly SignetRouter[];
  /** The entry points the routes declare. */
  readonly entryPoints: readonly EntryPoint[];
  readonly app: Koa;
  /** Closes the connections; safe to call twice. */
  close(): Promise<void>;
}

/**
 * The one start-up sequence, used by the server, the command line and the tests:
 * config -> container -> connections -> routers -> data -> app. It never listens.
 */
export async function startRuntime(config: Config, options: RuntimeOptions = {}): Promise<Runtime> {
  const logger = options.logger ?? (await loggerFor(config));
  const readerPolicy = await loadReaderPolicy(config.reader, config.demo);
  if (readerPolicy.origin === 'none') logger.warn('READER_POLICY is not set: the MongoDB reader refuses every query');
  const container = buildContainer({ config, logger, userSerializer: await userSerializerFor(config), readerPolicy });
  if (options.overrides) container.register(options.overrides);
  const { cradle } = container;
  await openConnections(cradle);
  const connections = connectionsOf(cradle);
  let closed: Promise<void> | undefined;
  // The container first: its disposers (the counts of refused requests) write to the backends.
  const close = (): Promise<void> =>
    (closed ??= container
      .dispose()
      .catch(() => undefined)
      .then(() => Promise.allSettled(connections.map((connection) => connection.close())))
      .then(() => undefined));
  try {
    const routers = buildRouters(cradle, signetVersion());
    const entryPoints = discoverEntryPoints(routers);
    await cradle.authenticateApiRequest.prepare();
    if (options.prepareData ?? true) await prepareData(cradle, entryPoints);
    const app = createApp(cradle, routers);
    return { config, container, cradle, routers, entryPoints, app, close };
  } catch (error) {
    await close();
    throw error;
  }
}

/** The log the configuration names: JSON, or pretty in development unless LOG_FORMAT says otherwise. */
export function loggerFor(config: Config): Promise<Logger & { flush(): void }> {
  return createPinoLogger({
    level: config.logLevel,
    format: config.logFormat ?? (config.env === 'development' ? 'pretty' : 'json'),
  });
}

async function userSerializerFor(config: Config): Promise<UserSerializer> {
  return config.sso.userSerializer ? loadModuleUserSerializer(config.sso.userSerializer) : new DefaultUserSerializer();
}

/** Every connection the configuration names: the backends', then the reader's own. */
function connectionsOf(cradle: Cradle): Cradle['connections'] {
  return [...cradle.connections, ...cradle.readerConnections];
}

/** Opens every connection the configuration names; on failure closes those already open. */
async function openConnections(cradle: Cradle): Promise<void> {
  const opened: Cradle['connections'][number][] = [];
  try {
    for (const connection of connectionsOf(cradle)) {
      await connection.open();
      opened.push(connection);
    }
  } catch (error) {
    await Promise.allSettled(opened.map((connection) => connection.close()));
    throw error;
  }
}

/**
 * Readies the data the service serves. Outside production, and on a memory store, the discovered
 * entry points are written to the store, and the demo is seeded where it runs (a memory store, or
 * SIGNET_DEMO=1). In production on a persistent store the store is left alone and any difference
 * is reported, since `reload-entrypoints` is an operator's decision there.
 */
async function prepareData(cradle: Cradle, discovered: readonly EntryPoint[]): Promise<void> {
  const { config, logger, listEntryPoints, reloadEntryPoints, seedDemo, seedReaderDemo } = cradle;
  // A memory store starts empty and no other process can reach it: the server itself must write them.
  if (!config.isProduction || config.store === 'memory') {
    await reloadEntryPoints.execute(discovered);
    if (config.demo) await Promise.all([seedDemo.execute(), seedReaderDemo.execute()]);
    return;
  }
  const stored = new Set((await listEntryPoints.execute()).map((entry) => entry.name));
  const missing = discovered.filter((entry) => !stored.has(entry.name)).map((entry) => entry.name);
  if (missing.length > 0) {
    logger.warn('entry points not in the store yet: run `npm run signet -- reload-entrypoints`', { missing });
  }
}
