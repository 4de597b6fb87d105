import { UsageError, type CliIo } from './cli-io.js';
import type { CliHost, CliServices } from './cli-host.js';

/** One command of a group (`key create`, `sso list`); resolves the exit status. */
export type Subcommand = (args: readonly string[], host: CliHost) => Promise<number>;

/** A group of commands and the usage line of each. */
export interface CommandGroup {
  readonly name: string;
  readonly subcommands: ReadonlyMap<string, { run: Subcommand; usage: string }>;
}

/** The usage of every command of a group, one per line. */
export function groupUsage(group: CommandGroup): string {
  return [...group.subcommands.values()].map((command) => command.usage).join('\n       ');
}

/** Runs `<group> <name> ...`; `--help` prints the group's usage; an unknown or missing name is refused with it. */
export function runSubcommand(group: CommandGroup, args: readonly string[], host: CliHost): Promise<number> {
  const [name, ...rest] = args;
  if (name === '--help' || name === '-h' || name === 'help') return Promise.resolve(showUsage(host.io, groupUsage(group)));
  const command = name === undefined ? undefined : group.subcommands.get(name);
  if (!command) {
    const message = name === undefined ? `${group.name} needs a command` : `unknown ${group.name} command "${name}"`;
    throw new UsageError(message, groupUsage(group));
  }
  return command.run(rest, host);
}

/**
 * Runs `work` with the services the environment (or `--server`) names; a memory store starts out as
 * the server's would. A command that `changes` the store says so when the change will not outlive it.
 */
export async function withServices<T>(
  host: CliHost,
  work: (services: CliServices) => Promise<T>,
  effect: 'reads' | 'changes' = 'reads',
): Promise<T> {
  const runtime = await host.open();
  try {
    const result = await work(runtime.services);
    if (runtime.ephemeral && effect === 'changes') noteMemoryStore(host.io);
    return result;
  } finally {
    await runtime.close();
  }
}

export function showUsage(io: CliIo, usage: string): number {
  io.out(`usage: ${usage}`);
  return 0;
}

function noteMemoryStore(io: CliIo): void {
  io.err('note: STORE=memory lives in this process only; set STORE=mongo to keep changes');
}

/** `2026-11-28T12:00:00Z`: ISO 8601 without the milliseconds. */
export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** A time, or `fallback` when there is none. */
export function isoOr(ms: number | null, fallback: string): string {
  return ms === null ? fallback : isoSeconds(ms);
}
