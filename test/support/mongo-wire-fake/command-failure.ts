import { Double, type Document } from 'bson';

/** Server error codes this fake uses, with the names a real server gives them. */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  TypeMismatch: 14,
  NamespaceNotFound: 26,
  CursorNotFound: 43,
  NamespaceExists: 48,
  CommandNotFound: 59,
  ImmutableField: 66,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
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

/** `ok: 1` as the double a real server sends, merged into `fields`. */
export function okReply(fields: Document = {}): Document {
  return { ...fields, ok: new Double(1) };
}
