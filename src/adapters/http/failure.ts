import { isDomainError } from '../../domain/errors.js';
import { statusFor } from './error-status.js';
import { isExposedHttpError } from './http-errors.js';

/** How a refusal is answered: its status, the message a client may see, and headers such as Retry-After. */
export interface Failure {
  status: number;
  message: string;
  headers: Record<string, string>;
}

/**
 * The answer to a thrown error when a client may be told about it: a DomainError (status from the
 * table, Retry-After when it says when to retry) or an exposed http-errors error. null for anything
 * else, which is a bug: it is logged and answered with a 500 that tells nothing of the cause.
 */
export function failureOf(error: unknown): Failure | null {
  if (isDomainError(error)) {
    const retryAfter = error.details.retryAfterSeconds;
    return {
      status: statusFor(error),
      message: error.message,
      headers: retryAfter === undefined ? {} : { 'Retry-After': String(retryAfter) },
    };
  }
  if (isExposedHttpError(error)) {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(error.headers ?? {})) headers[name] = value;
    return { status: error.status, message: error.message, headers };
  }
  return null;
}

/** An error's description for the log: its stack, or what it is. */
export function describeForLog(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}
