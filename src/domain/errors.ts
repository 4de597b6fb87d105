/**
 * A failure the domain can name. `code` is stable and machine-readable; the edge maps codes to
 * transport statuses in one table. `message` is what a client may be shown: it never holds a secret.
 */
export class DomainError<Code extends string = string> extends Error {
  constructor(
    readonly code: Code,
    message: string,
    readonly details: Readonly<Record<string, string | number>> = {},
  ) {
    super(message);
    this.name = 'DomainError';
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
