import type { Document } from 'bson';
import { CommandFailure } from '../command-failure.js';
import type { CursorRegistry } from '../cursor-registry.js';
import { isPlainObject, numberOf } from '../document-values.js';
import type { FakeCatalog } from '../fake-catalog.js';
import type { FieldList } from './known-fields.js';

/** What a command handler can reach: the database it runs in and the server's shared state. */
export interface CommandContext {
  readonly db: string;
  readonly catalog: FakeCatalog;
  readonly cursors: CursorRegistry;
  readonly connectionId: number;
  /** `host:port` as the server names itself in replies such as `$collStats`. */
  readonly host: string;
  /**
   * Stages this server answers as unknown, standing in for a MongoDB-compatible server that lacks
   * them (the fake as started by default lacks none, as a 7.0 does).
   */
  readonly missingStages: ReadonlySet<string>;
}

/** Runs one command and returns its reply; throws a CommandFailure to answer `ok: 0`. */
export type CommandHandler = (command: Document, context: CommandContext) => Document;

/** A command the fake serves: the fields it accepts besides its name and the generic arguments, and its handler. */
export interface CommandSpec {
  readonly fields: FieldList;
  /** Only commands that write take a writeConcern; a real server refuses it on the others. */
  readonly writes?: boolean;
  /**
   * True for the few commands a real server parses loosely: ping and buildInfo (not parsed at all)
   * and hello (parsed non-strictly, so that drivers may send fields newer than the server). It
   * ignores unknown fields there, so refusing them would make the fake differ from it; the fields
   * the spec lists as refused are still refused.
   */
  readonly ignoresOtherFields?: boolean;
  readonly run: CommandHandler;
}

/** The collection name a command carries as the value of its first field. */
export function collectionName(command: Document): string {
  const [name, value] = Object.entries(command)[0] ?? [];
  if (typeof value !== 'string' || value.length === 0) {
    throw new CommandFailure('InvalidNamespace', `collection name has invalid type ${typeof value} in ${String(name)}`);
  }
  return value;
}

/** An optional whole number argument (BSON int32, int64 or double). */
export function optionalNumber(command: Document, field: string): number | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  const number = numberOf(value);
  if (number === undefined || Number.isNaN(number)) {
    throw new CommandFailure('TypeMismatch', `Field '${field}' should be a number`);
  }
  return number;
}

/** An optional argument that must not be negative, checked as a real server's IDL validator does. */
export function optionalNonNegative(command: Document, field: string): number | undefined {
  const number = optionalNumber(command, field);
  if (number !== undefined && number < 0) {
    throw new CommandFailure('Location51024', `BSON field '${field}' value must be >= 0, actual value '${number}'`);
  }
  return number;
}

/** An optional document argument. */
export function optionalDocument(command: Document, field: string): Document | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  if (!isPlainObject(value)) throw new CommandFailure('TypeMismatch', `Field '${field}' should be an object`);
  return value;
}

/** A required array argument. */
export function requiredArray(command: Document, field: string): unknown[] {
  const value: unknown = command[field];
  if (!Array.isArray(value)) throw new CommandFailure('TypeMismatch', `Field '${field}' should be an array`);
  return value;
}

/** A required array of documents. */
export function requiredDocuments(command: Document, field: string): Document[] {
  return requiredArray(command, field).map((item, index) => {
    if (!isPlainObject(item)) throw new CommandFailure('TypeMismatch', `${field}.${index} should be an object`);
    return item;
  });
}
