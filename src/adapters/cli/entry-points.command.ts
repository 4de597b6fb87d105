import { discoverEntryPoints } from '../http/entry-point-discovery.js';
import { buildRouters } from '../http/create-app.js';
import { withContainer } from './cli-container.js';
import type { CommandContext } from './command-group.js';
import { parseCommand } from './parse-args.js';

export const reloadEntryPointsUsage = 'signet reload-entrypoints';

/**
 * Makes the stored entry points exactly those the routes declare, and prints one line per entry
 * point as dj-api-auth did: `ADD: name`, `UPDATE/KEEP: name` or `REMOVE: name`.
 */
export async function reloadEntryPointsCommand(args: readonly string[], { config, io }: CommandContext): Promise<number> {
  if (parseCommand(args, { usage: reloadEntryPointsUsage, options: {}, positionals: [0, 0] }).help) {
    io.out(`usage: ${reloadEntryPointsUsage}`);
    return 0;
  }
  // Not seeded: on a memory store this shows what a first reload does.
  const changes = await withContainer(config, { seedMemoryStore: false }, ({ cradle }) =>
    cradle.reloadEntryPoints.execute(discoverEntryPoints(buildRouters(cradle))),
  );
  for (const change of changes) io.out(`${change.action}: ${change.name}`);
  if (changes.length === 0) io.out('no entry points declared');
  return 0;
}
