import { readerErrors } from './reader.errors.js';

/** What one query may cost, as the configuration sets it. */
export interface ReaderLimits {
  /** Documents a find returns when it names no limit. */
  readonly defaultLimit: number;
  /** The most documents a find may return; a policy rule's maxLimit may lower it. */
  readonly maxLimit: number;
  /** Server time a query may take (MongoDB's maxTimeMS), in milliseconds. */
  readonly maxTimeMs: number;
  /** The most rows one CSV export writes. */
  readonly exportMaxRows: number;
  /** Documents the field overview samples. */
  readonly sampleSize: number;
}

export const DEFAULT_READER_LIMITS: ReaderLimits = {
  defaultLimit: 50,
  maxLimit: 1000,
  maxTimeMs: 5000,
  exportMaxRows: 100_000,
  sampleSize: 1000,
};

/** A whole number written in decimal digits, at most 2^53 - 1; throws naming `what` otherwise. */
export function wholeNumberParameter(text: string, what: string): number {
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(value))
    throw readerErrors.badInput(`${what} must be a whole number from 0 to ${Number.MAX_SAFE_INTEGER}`);
  return value;
}

/**
 * The documents a find returns: the limit asked for, or the default when none is; never above `cap`.
 * A limit of 0 means "no limit" to MongoDB, so here it means as many as the cap allows.
 */
export function effectiveLimit(requested: number | undefined, defaultLimit: number, cap: number): number {
  if (requested === undefined) return Math.min(defaultLimit, cap);
  return requested === 0 ? cap : Math.min(requested, cap);
}
