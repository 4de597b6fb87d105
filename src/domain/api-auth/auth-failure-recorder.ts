import type { ApiAuthErrorCode } from './api-auth.errors.js';

/**
 * Where refused signed requests are counted, per key and per reason, for the admin to see. It is
 * called on the request path, so it must not wait for anything: an implementation sums in memory
 * and writes the sums out on its own time.
 */
export interface AuthFailureRecorder {
  /**
   * Counts one refusal, at `at` (ms since the epoch), of a request made with `apiKey`: a key the
   * store knows (revoked ones included), or null when the key was unknown or absent, so that made-up
   * keys cannot grow the counts without bound.
   */
  record(apiKey: string | null, reason: ApiAuthErrorCode, at: number): void;
}
