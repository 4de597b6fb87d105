import { MongoServerError } from 'mongodb';
import { readerErrors } from '../../domain/reader/reader.errors.js';

/**
 * Server errors caused by what a query says rather than by the server's state: a bad operator
 * argument, an unparsable regular expression, a sort over the memory limit, a view asked for its
 * statistics. Every numbered assertion of the query parser (codeName `Location<n>`) is one too.
 */
const CLIENT_CODES = new Set([
  2, // BadValue
  4, // NoSuchKey
  9, // FailedToParse
  14, // TypeMismatch
  15, // Overflow
  16, // InvalidLength
  28, // PathNotViable
  52, // DollarPrefixedFieldName
  72, // InvalidOptions
  166, // CommandNotSupportedOnView
  168, // InvalidPipelineOperator
  241, // ConversionFailure
  291, // NoQueryExecutionPlans: $near without a geospatial index, a hint to a missing index
  292, // QueryExceededMemoryLimitNoDiskUseAllowed
]);
const MAX_TIME_MS_EXPIRED = 50;

/**
 * What a read's failure means to the reader: a query the server refused for what it says becomes a
 * bad-query ReaderError (400), the time limit too; anything else (a lost connection, a server
 * shutting down, missing privileges) is returned as it is, for the backend guard to answer 503.
 */
export function readerFailure(error: unknown, maxTimeMs: number): unknown {
  if (!(error instanceof MongoServerError)) return error;
  const code = codeOf(error);
  if (code === MAX_TIME_MS_EXPIRED) {
    return readerErrors.timeLimit(maxTimeMs);
  }
  const byCode = CLIENT_CODES.has(code);
  if (byCode || /^Location\d+$/.test(error.codeName ?? '')) return readerErrors.badQuery(error.message);
  return error;
}

/** The server's answer when a pipeline stage it does not know is asked for: a server older than 3.4 and `$collStats`. */
export function isUnknownStage(error: unknown): boolean {
  return error instanceof MongoServerError && (codeOf(error) === 40324 || error.codeName === 'Location40324');
}

/** NamespaceNotFound: `$collStats` asked about a collection that does not exist. */
export function isMissingNamespace(error: unknown): boolean {
  return error instanceof MongoServerError && codeOf(error) === 26;
}

/** The error's code as a number: a read with promoteValues off gets even the reply's code as an Int32. */
function codeOf(error: MongoServerError): number {
  return Number(error.code);
}
