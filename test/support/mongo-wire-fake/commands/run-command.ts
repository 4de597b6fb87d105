import type { Document } from 'bson';
import { CommandFailure } from '../command-failure.js';
import { aggregateCommands } from './aggregate-command.js';
import { catalogCommands } from './catalog-commands.js';
import type { CommandContext, CommandSpec } from './command-context.js';
import { checkGenericArguments, isGenericArgument } from './generic-arguments.js';
import { handshakeCommands } from './handshake-commands.js';
import { checkKnownFields } from './known-fields.js';
import { queryCommands } from './query-commands.js';
import { statsCommands } from './stats-commands.js';
import { writeCommands } from './write-commands.js';

const specs = new Map<string, CommandSpec>(
  Object.entries({
    ...handshakeCommands,
    ...queryCommands,
    ...aggregateCommands,
    ...statsCommands,
    ...writeCommands,
    ...catalogCommands,
  }),
);

/** The names of the commands the fake serves. */
export const servedCommands: readonly string[] = [...specs.keys()];

/** The command's name: its first field, as the server reads it. */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

/**
 * Runs a command and returns the reply document, `ok: 0` included; it never throws. As on a real
 * server, the command's fields are checked first, then the generic arguments, then it runs.
 */
export function runCommand(command: Document, context: CommandContext): Document {
  const name = commandName(command);
  const spec = specs.get(name);
  try {
    if (!spec) throw new CommandFailure('CommandNotFound', `no such command: '${name}'`);
    checkKnownFields(name, command, spec.fields, {
      checkedElsewhere: (field) => field === name || isGenericArgument(field),
      ignoreUnknown: spec.ignoresOtherFields === true,
    });
    checkGenericArguments(name, command, { writes: spec.writes === true });
    return spec.run(command, context);
  } catch (error) {
    if (error instanceof CommandFailure) return error.toReply();
    const message = error instanceof Error ? error.message : String(error);
    return new CommandFailure('InternalError', `test server failed on ${name}: ${message}`).toReply();
  }
}
