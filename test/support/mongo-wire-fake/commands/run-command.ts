import type { Document } from 'bson';
import { CommandFailure } from '../command-failure.js';
import { catalogCommands } from './catalog-commands.js';
import type { CommandContext, CommandHandler } from './command-context.js';
import { handshakeCommands } from './handshake-commands.js';
import { queryCommands } from './query-commands.js';
import { writeCommands } from './write-commands.js';

const handlers = new Map<string, CommandHandler>(
  Object.entries({ ...handshakeCommands, ...queryCommands, ...writeCommands, ...catalogCommands }),
);

/** The command's name: its first field, as the server reads it. */
export function commandName(command: Document): string {
  return Object.keys(command)[0] ?? '';
}

/** Runs a command and returns the reply document, `ok: 0` included; it never throws. */
export function runCommand(command: Document, context: CommandContext): Document {
  const name = commandName(command);
  const handler = handlers.get(name);
  try {
    if (!handler) throw new CommandFailure('CommandNotFound', `no such command: '${name}'`);
    return handler(command, context);
  } catch (error) {
    if (error instanceof CommandFailure) return error.toReply();
    const message = error instanceof Error ? error.message : String(error);
    return new CommandFailure('InternalError', `test server failed on ${name}: ${message}`).toReply();
  }
}
