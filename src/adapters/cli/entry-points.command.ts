import type { CliHost } from './cli-host.js';
import { withServices } from './command-group.js';
import { parseCommand } from './parse-args.js';
import { printable } from './terminal-text.js';

export const reloadEntryPointsUsage = 'signet reload-entrypoints';

/**
 * Makes the stored entry points exactly those the routes declare (with `--server`, those of that
 * server), and prints one line per entry point as dj-api-auth did: `ADD: name`, `UPDATE/KEEP: name`
 * or `REMOVE: name`.
 */
export async function reloadEntryPointsCommand(args: readonly string[], host: CliHost): Promise<number> {
  if (parseCommand(args, { usage: reloadEntryPointsUsage, options: {}, positionals: [0, 0] }).help) {
    host.io.out(`usage: ${reloadEntryPointsUsage}`);
    return 0;
  }
  const changes = await withServices(host, (services) => services.reloadEntryPoints.execute({}));
  for (const change of changes) host.io.out(`${change.action}: ${printable(change.name)}`);
  if (changes.length === 0) host.io.out('no entry points declared');
  return 0;
}
