import createHttpError, { type HttpError } from 'http-errors';

/**
 * The transport's own refusals, made in one place, the Koa way: http-errors with `expose`, so the
 * edge shows their message. Domain errors keep their codes and are mapped by the status table.
 */
export const httpErrors = {
  csrfFailed: (): HttpError =>
    createHttpError(403, 'This form has expired or did not come from this site. Go back, reload the page and try again.'),
  bodyTooLarge: (limitBytes: number): HttpError => createHttpError(413, `request body too large (limit ${limitBytes} bytes)`),
  badForm: (): HttpError => createHttpError(400, 'the form could not be read'),
  targetTooLong: (limitBytes: number): HttpError => createHttpError(414, `request target too long (limit ${limitBytes} bytes)`),
  tooManyQueryParameters: (limit: number): HttpError => createHttpError(400, `too many query parameters (limit ${limit})`),
  tooManyHeaders: (limit: number): HttpError => createHttpError(431, `too many request headers (limit ${limit})`),
} as const;

/** An error a client may be shown: an http-errors error below 500 with `expose`. */
export function isExposedHttpError(error: unknown): error is HttpError {
  return createHttpError.isHttpError(error) && error.expose && error.status < 500;
}
