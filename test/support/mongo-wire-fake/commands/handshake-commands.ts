import type { Document } from 'bson';
import { okReply } from '../command-failure.js';
import type { CommandHandler } from './command-context.js';

const maxBsonObjectSize = 16 * 1024 * 1024;

/** `hello` and its legacy spellings: the fake presents itself as a writable standalone server. */
const hello: CommandHandler = (command, context) => {
  const legacy = 'isMaster' in command || 'ismaster' in command;
  const reply: Document = {
    ...(command.helloOk === true ? { helloOk: true } : {}),
    [legacy ? 'ismaster' : 'isWritablePrimary']: true,
    maxBsonObjectSize,
    maxMessageSizeBytes: 48_000_000,
    maxWriteBatchSize: 100_000,
    localTime: new Date(),
    logicalSessionTimeoutMinutes: 30,
    connectionId: context.connectionId,
    minWireVersion: 0,
    // 21 is MongoDB 7.0: new enough for driver 7, old enough not to promise 8.0-only commands.
    maxWireVersion: 21,
    readOnly: false,
  };
  return okReply(reply);
};

const buildInfo: CommandHandler = () =>
  okReply({
    version: '7.0.0',
    gitVersion: 'in-memory-test-server',
    versionArray: [7, 0, 0, 0],
    bits: 64,
    debug: false,
    maxBsonObjectSize,
    storageEngines: ['in-memory'],
  });

const ok: CommandHandler = () => okReply();

export const handshakeCommands: Record<string, CommandHandler> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping: ok,
  buildInfo,
  buildinfo: buildInfo,
  endSessions: ok,
};

/** Commands a real server still accepts over legacy OP_QUERY; every other one needs OP_MSG. */
export const opQueryCommands = new Set(['hello', 'isMaster', 'ismaster']);
