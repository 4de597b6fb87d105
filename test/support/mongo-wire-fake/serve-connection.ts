import type { Socket } from 'node:net';
import type { Document } from 'bson';
import { CommandFailure } from './command-failure.js';
import { commandName, runCommand } from './commands/run-command.js';
import type { CommandContext } from './commands/command-context.js';
import { opQueryCommands } from './commands/handshake-commands.js';
import { isPlainObject } from './document-values.js';
import { decodeOpMsg, encodeOpMsg } from './op-msg.js';
import { decodeOpQuery, encodeOpReply } from './op-query.js';
import { MessageSplitter, OpCode, ProtocolError, type WireMessage } from './wire-message.js';

/** What every connection of one server shares: data, cursors, and the numbering of replies. */
export interface ServerState extends Omit<CommandContext, 'db' | 'connectionId'> {
  nextRequestId(): number;
  /** Sees every command a client sends, as sent, before it is answered: for tests of what drivers send. */
  observe?: (command: Document) => void;
}

/** Answers the messages arriving on `socket`, one at a time, in order. */
export function serveConnection(socket: Socket, state: ServerState, connectionId: number): void {
  const splitter = new MessageSplitter();
  socket.on('data', (chunk: Buffer) => {
    try {
      for (const message of splitter.push(chunk)) {
        const reply = answer(message, state, connectionId);
        if (reply) socket.write(reply);
      }
    } catch (error) {
      if (!(error instanceof ProtocolError)) throw error;
      // A real server drops a connection that breaks the protocol rather than guess.
      socket.destroy();
    }
  });
  socket.on('error', () => socket.destroy());
}

function answer(message: WireMessage, state: ServerState, connectionId: number): Buffer | undefined {
  const responseTo = message.header.requestId;
  switch (message.header.opCode) {
    case OpCode.msg: {
      const { command, moreToCome } = decodeOpMsg(message);
      state.observe?.(command);
      const db: unknown = command.$db;
      const reply =
        typeof db === 'string'
          ? runCommand(command, { ...state, db, connectionId })
          : new CommandFailure('MissingDatabase', 'OP_MSG requests require a $db argument').toReply();
      return moreToCome ? undefined : encodeOpMsg(reply, state.nextRequestId(), responseTo);
    }
    case OpCode.query: {
      const { fullCollectionName, query } = decodeOpQuery(message);
      const command = isPlainObject(query.$query) ? query.$query : query;
      const name = commandName(command);
      const reply =
        fullCollectionName.endsWith('.$cmd') && opQueryCommands.has(name)
          ? runCommand(command, { ...state, db: fullCollectionName.slice(0, -'.$cmd'.length), connectionId })
          : new CommandFailure(
              'UnsupportedOpQueryCommand',
              `Unsupported OP_QUERY command: ${name}. The client driver may require an upgrade.`,
            ).toReply();
      return encodeOpReply(reply, state.nextRequestId(), responseTo);
    }
    default:
      // OP_COMPRESSED is never negotiated (hello offers no compressors); older opcodes are gone from servers.
      throw new ProtocolError(`opcode ${message.header.opCode} is not supported`);
  }
}
