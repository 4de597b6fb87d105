import type { Config } from '../../config/config.schema.js';
import type { Cradle } from '../../container.js';
import { UsageError, type CliIo } from './cli-io.js';
import { withContainer } from './cli-container.js';

/** What every command runs with. */
export interface CommandContext {
  config: Config;
  io: CliIo;
}

/** One command of a group (`key create`, `sso list`); resolves the exit status. */
export type Subcommand = (args: readonly string[], context: CommandContext) => Promise<number>;

/** Runs `<group> <name> ...`, or refuses an unknown or missing name with the group's usage. */
export function runSubcommand(
  group: string,
  subcommands: ReadonlyMap<string, Subcommand>,
  args: readonly string[],
  context: CommandContext,
): Promise<number> {
  const [name, ...rest] = args;
  const subcommand = name === undefined ? undefined : subcommands.get(name);
  if (!subcommand) {
    const usage = `signet ${group} <${[...subcommands.keys()].join('|')}> ...`;
    throw new UsageError(name === undefined ? `${group} needs a command` : `unknown ${group} command "${name}"`, usage);
  }
  return subcommand(rest, context);
}

/** Runs one use case on the configured store; a memory store starts out as the server's would. */
export function onStore<T>(config: Config, work: (cradle: Cradle) => Promise<T>): Promise<T> {
  return withContainer(config, { seedMemoryStore: true }, (container) => work(container.cradle));
}

export function showUsage(io: CliIo, usage: string): number {
  io.out(`usage: ${usage}`);
  return 0;
}

/** Tells, after a change, that the memory store forgets it when the command ends. */
export function noteMemoryStore(config: Config, io: CliIo): void {
  if (config.store === 'memory') io.err('note: STORE=memory lives in this process only; set STORE=mongo to keep changes');
}

/** `2026-11-28T12:00:00Z`: ISO 8601 without the milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}
