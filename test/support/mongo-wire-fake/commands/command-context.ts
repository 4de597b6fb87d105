import type { Document } from 'bson';
import { CommandFailure } from '../command-failure.js';
import type { CursorRegistry } from '../cursor-registry.js';
import type { FakeCatalog } from '../fake-catalog.js';

/** What a command handler can reach: the database it runs in and the server's shared state. */
export interface CommandContext {
  readonly db: string;
  readonly catalog: FakeCatalog;
  readonly cursors: CursorRegistry;
  readonly connectionId: number;
}

/** Runs one command and returns its reply; throws a CommandFailure to answer `ok: 0`. */
export type CommandHandler = (command: Document, context: CommandContext) => Document;

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
  const number = typeof value === 'object' && 'toNumber' in value ? (value as { toNumber(): number }).toNumber() : value;
  if (typeof number !== 'number' || Number.isNaN(number)) {
    throw new CommandFailure('TypeMismatch', `Field '${field}' should be a number`);
  }
  return number;
}

/** An optional document argument. */
export function optionalDocument(command: Document, field: string): Document | undefined {
  const value: unknown = command[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new CommandFailure('TypeMismatch', `Field '${field}' should be an object`);
  }
  return value as Document;
}

/** A required array argument. */
export function requiredArray(command: Document, field: string): unknown[] {
  const value: unknown = command[field];
  if (!Array.isArray(value)) throw new CommandFailure('TypeMismatch', `Field '${field}' should be an array`);
  return value;
}
