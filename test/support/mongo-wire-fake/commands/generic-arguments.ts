import type { Document } from 'bson';
import { CommandFailure, notSupported } from '../command-failure.js';
import { isPlainObject } from '../document-values.js';
import { optionalNumber } from './command-context.js';

/**
 * The arguments a real server accepts on every command (its generic_args IDL), with what the
 * fake does with each. Those only cluster members send one another are refused below.
 */
const honoured = new Set([
  '$db',
  // Sessions exist on a standalone; the fake keeps no state for them, which is all a standalone does outside transactions.
  'lsid',
  // A standalone neither gossips nor checks cluster time.
  '$clusterTime',
  // A standalone serves every read preference itself.
  '$readPreference',
  'comment',
  'maxTimeMS',
  'readConcern',
  'writeConcern',
  'apiVersion',
  'apiStrict',
  'apiDeprecationErrors',
  'txnNumber',
  'autocommit',
  'startTransaction',
]);

const internal = new Set([
  'stmtId',
  'clientOperationKey',
  '$audit',
  '$client',
  '$configServerState',
  'allowImplicitCollectionCreation',
  '$oplogQueryData',
  '$queryOptions',
  '$replData',
  'databaseVersion',
  'shardVersion',
  'tracking_info',
  'coordinator',
  'maxTimeMSOpOnly',
  '$configTime',
  '$topologyTime',
  'txnRetryCounter',
  'mayBypassWriteBlocking',
  '$tenant',
  'expectPrefix',
]);

/** Generic arguments the fake honours or refuses; a command's own fields are checked elsewhere. */
export function isGenericArgument(field: string): boolean {
  return honoured.has(field) || internal.has(field);
}

/** Checks the generic arguments of `command`, in the order a real server does after parsing it. */
export function checkGenericArguments(name: string, command: Document, options: { writes: boolean }): void {
  for (const field of Object.keys(command)) {
    if (internal.has(field)) throw notSupported(`BSON field '${name}.${field}'`);
  }
  checkSessionInfo(command);
  checkApiParameters(command);
  // The fake answers every command at once, so no time limit is ever reached: honouring maxTimeMS needs no more.
  const maxTimeMS = optionalNumber(command, 'maxTimeMS');
  if (maxTimeMS !== undefined && (!Number.isInteger(maxTimeMS) || maxTimeMS < 0 || maxTimeMS > 2 ** 31 - 1)) {
    throw new CommandFailure('BadValue', `${String(maxTimeMS)} value for maxTimeMS is out of range [0, 2147483647]`);
  }
  checkReadConcern(command.readConcern);
  if (command.writeConcern !== undefined) {
    if (!options.writes) throw new CommandFailure('InvalidOptions', 'Command does not support writeConcern');
    checkWriteConcern(command.writeConcern);
  }
}

/**
 * The checks a real server makes on txnNumber, autocommit and startTransaction, in its order.
 * A standalone has no transactions and no retryable writes, so any transaction number is refused.
 */
function checkSessionInfo(command: Document): void {
  if (command.txnNumber !== undefined) {
    if (command.lsid === undefined) {
      throw new CommandFailure('InvalidOptions', 'Transaction number requires a session ID to also be specified');
    }
    throw new CommandFailure('IllegalOperation', 'Transaction numbers are only allowed on a replica set member or mongos');
  }
  if (command.autocommit !== undefined) {
    throw new CommandFailure('InvalidOptions', "'autocommit' field requires a transaction number to also be specified");
  }
  if (command.startTransaction !== undefined) {
    throw new CommandFailure('InvalidOptions', "'startTransaction' field requires 'autocommit' field to also be specified");
  }
}

// API version 1 with no strictness is every command as it is; strict checking is not something the fake knows how to do.
function checkApiParameters(command: Document): void {
  const { apiVersion, apiStrict, apiDeprecationErrors } = command;
  if (apiVersion !== undefined && apiVersion !== '1') throw notSupported(`API version ${String(apiVersion)}`);
  if (apiStrict === true) throw notSupported('apiStrict: true');
  if (apiDeprecationErrors === true) throw notSupported('apiDeprecationErrors: true');
}

// On one node with no replication, local, available and majority reads all see the same committed data.
const readConcernLevels = new Set(['local', 'available', 'majority']);

function checkReadConcern(value: unknown): void {
  if (value === undefined) return;
  if (!isPlainObject(value)) throw new CommandFailure('TypeMismatch', "BSON field 'readConcern' is the wrong type");
  for (const [field, setting] of Object.entries(value)) {
    if (field === 'level' && typeof setting === 'string' && readConcernLevels.has(setting)) continue;
    throw notSupported(`readConcern ${field}: ${String(setting)}`);
  }
}

// Every write is applied before the reply, in memory: w 0, 1 or majority and a journal request all hold.
function checkWriteConcern(value: unknown): void {
  if (!isPlainObject(value)) throw new CommandFailure('TypeMismatch', "BSON field 'writeConcern' is the wrong type");
  for (const [field, setting] of Object.entries(value)) {
    const served =
      (field === 'w' && (setting === 0 || setting === 1 || setting === 'majority')) ||
      ((field === 'j' || field === 'fsync') && typeof setting === 'boolean') ||
      (field === 'wtimeout' && typeof setting === 'number');
    if (!served) throw notSupported(`writeConcern ${field}: ${String(setting)}`);
  }
}
