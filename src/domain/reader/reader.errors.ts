import { DomainError } from '../errors.js';

/** Stable codes of the MongoDB reader's refusals. */
export type ReaderErrorCode =
  | 'reader.bad_input'
  | 'reader.operator_not_allowed'
  | 'reader.bad_query'
  | 'reader.not_authenticated'
  | 'reader.permission_disallowed';

export class ReaderError extends DomainError<ReaderErrorCode> {
  override readonly name = 'ReaderError';
}

/** The messages clients see; dj-mongo-reader's front end shows them as they are. */
export const readerErrors = {
  /** Malformed JSON or Extended JSON, a bad name, a parameter that is not what it must be, input over a bound. */
  badInput: (message: string) => new ReaderError('reader.bad_input', message),
  /** An operator the reader never runs (one that runs code), or one MongoDB's query language does not have. */
  operatorNotAllowed: (operator: string) => new ReaderError('reader.operator_not_allowed', `operator not allowed: ${operator}`),
  unknownOperator: (operator: string) => new ReaderError('reader.operator_not_allowed', `unknown operator: ${operator}`),
  /** The query passed every check here, and the document source refused it (a bad regular expression, a time limit). */
  badQuery: (reason: string) => new ReaderError('reader.bad_query', `the query could not run: ${reason}`),
  /** The query ran past READER_MAX_TIME_MS (MongoDB's maxTimeMS), on whichever source. */
  timeLimit: (maxTimeMs: number) =>
    readerErrors.badQuery(`it ran longer than the limit of ${maxTimeMs} ms; narrow the criteria or use an indexed field`),
  notAuthenticated: () =>
    new ReaderError('reader.not_authenticated', 'authentication required: log in, or sign the request with an API key'),
  /** dj-mongo-reader's message, which its front end matches on; `detail` says why when it helps the caller. */
  permissionDisallowed: (detail?: string) =>
    new ReaderError('reader.permission_disallowed', detail ? `permission disallowed: ${detail}` : 'permission disallowed'),
} as const;
