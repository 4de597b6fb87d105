import { DomainError } from '../errors.js';

/** Which outside service a request needed and could not reach. */
export type BackendRole = 'cache' | 'store' | 'document source';

export type BackendErrorCode = 'backend.unavailable';

/** How long a client is told to wait before trying again once a backend is lost. */
export const BACKEND_RETRY_AFTER_SECONDS = 5;

/**
 * A backend did not answer (refused, failed or too slow). The request is refused as a whole rather
 * than let through unchecked; the message names only the role, never an address or a reason.
 */
export class BackendUnavailableError extends DomainError<BackendErrorCode> {
  override readonly name = 'BackendUnavailableError';

  constructor(
    readonly role: BackendRole,
    /** The driver's reason, for the log only: it may name hosts and ports. */
    readonly reason: string,
    /** Whether the backend answered with a failure or did not answer in time. */
    readonly kind: 'failed' | 'timeout' = 'failed',
  ) {
    super('backend.unavailable', `${role} unavailable`, { retryAfterSeconds: BACKEND_RETRY_AFTER_SECONDS });
  }
}
