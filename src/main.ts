import type { Server } from 'node:http';
import { banner } from './banner.js';
import { ConfigError, loadConfig } from './config/load-config.js';
import type { Config } from './config/config.schema.js';
import { startRuntime } from './runtime.js';

async function main(): Promise<void> {
  const config = configOrExit();
  const runtime = await startRuntime(config);
  const { logger } = runtime.cradle;
  warnAboutDefaults(config, (message) => logger.warn(message));

  const server: Server = runtime.app.listen(config.port, config.host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  process.stdout.write(`${banner(config, config.publicUrl ?? `http://${host}:${port}`)}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: closing`);
    server.close(() => {
      runtime
        .close()
        .then(() => process.exit(0))
        .catch((error: unknown) => {
          logger.error('shutdown failed', { error: String(error) });
          process.exit(1);
        });
    });
    server.closeIdleConnections();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

function configOrExit(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Signet cannot start: bad configuration\n${error.problems.map((p) => `  ${p}`).join('\n')}\n`);
    process.exit(2);
  }
}

function warnAboutDefaults(config: Config, warn: (message: string) => void): void {
  if (config.isProduction && (config.cache === 'memory' || config.store === 'memory')) {
    warn(
      'MEMORY ADAPTERS IN PRODUCTION: state is lost on restart and not shared between instances; set CACHE=redis and STORE=mongo',
    );
  }
  if (config.session.isDevelopmentSecret) {
    warn('SESSION_SECRET is not set: session cookies are signed with the public development secret (demo only)');
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`Signet cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
