import type { Document } from 'bson';
import { notSupported, okReply } from '../command-failure.js';
import type { CommandSpec } from './command-context.js';

const maxBsonObjectSize = 16 * 1024 * 1024;

/** `hello` and its legacy spellings: the fake presents itself as a writable standalone server. */
const hello: CommandSpec = {
  ignoresOtherFields: true,
  fields: {
    // client: metadata a server only logs. compression: the fake offers none, so none is agreed.
    honoured: ['helloOk', 'client', 'compression', 'loadBalanced'],
    // The fake authenticates no one, and does not stream topology changes (its replies carry no topologyVersion).
    refused: ['saslSupportedMechs', 'speculativeAuthenticate', 'topologyVersion', 'maxAwaitTimeMS', 'internalClient'],
  },
  run: (command, context) => {
    if (command.loadBalanced === true) throw notSupported('A load-balanced connection');
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
  },
};

const buildInfo: CommandSpec = {
  fields: { honoured: [] },
  ignoresOtherFields: true,
  run: () =>
    okReply({
      version: '7.0.0',
      gitVersion: 'in-memory-test-server',
      versionArray: [7, 0, 0, 0],
      bits: 64,
      debug: false,
      maxBsonObjectSize,
      storageEngines: ['in-memory'],
    }),
};

const ping: CommandSpec = { fields: { honoured: [] }, ignoresOtherFields: true, run: () => okReply() };

/** The fake keeps nothing per session, so ending one has nothing to do; drivers send it with w: 0. */
const endSessions: CommandSpec = { fields: { honoured: [] }, writes: true, run: () => okReply() };

/**
 * Reached only without a transaction number (with one, the generic checks refuse first). A
 * standalone never has a transaction to commit or abort, for the same reason.
 */
const noTransactions: CommandSpec = {
  fields: { honoured: [], refused: ['recoveryToken'] },
  writes: true,
  run: () => {
    throw notSupported('A transaction (a standalone server has none)');
  },
};

export const handshakeCommands: Record<string, CommandSpec> = {
  hello,
  isMaster: hello,
  ismaster: hello,
  ping,
  buildInfo,
  buildinfo: buildInfo,
  endSessions,
  commitTransaction: noTransactions,
  abortTransaction: noTransactions,
};

/** Commands a real server still accepts over legacy OP_QUERY; every other one needs OP_MSG. */
export const opQueryCommands = new Set(['hello', 'isMaster', 'ismaster']);
