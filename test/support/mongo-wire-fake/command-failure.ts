import { Double, type Document } from 'bson';

/** Server error codes this fake uses, with the names a real server gives them. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  NamespaceNotFound: 26,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  InvalidIndexSpecificationOption: 197,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
  // Errors a real server raises from a numbered assertion are named Location<number>.
  Location15975: 15975,
  Location40323: 40323,
  Location40324: 40324,
  Location40414: 40414,
  Location40415: 40415,
  Location40602: 40602,
  Location51024: 51024,
  MissingDatabase: 40571,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

/** A command that fails as a whole: answered with `{ ok: 0, errmsg, code, codeName }`. */
export class CommandFailure extends Error {
  override readonly name = 'CommandFailure';

  constructor(
    readonly codeName: ErrorCodeName,
    message: string,
    readonly extra: Document = {},
  ) {
    super(message);
  }

  get code(): number {
    return ErrorCode[this.codeName];
  }

  /** The reply document a real server sends for this failure. */
  toReply(): Document {
    return { ok: new Double(0), errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
  }
}

/**
 * The refusal of something a real server would honour but this fake cannot. BadValue, since no
 * server error means "not implemented here"; the message says it is the test server that refuses.
 */
export function notSupported(what: string): CommandFailure {
  return new CommandFailure('BadValue', `${what} is not supported by this test server`);
}

/** `ok: 1` as the double a real server sends, merged into `fields`. */
export function okReply(fields: Document = {}): Document {
  return { ...fields, ok: new Double(1) };
}
