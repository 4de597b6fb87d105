import type { Session } from '../../domain/sessions/session.js';

/** What a handler can do with the browser's session. */
export interface SessionControl {
  /** The live session, or null when the browser is not logged in. */
  readonly current: Session | null;
  /**
   * Starts a session for `username` under a new id (ending the current one) and sends its cookie;
   * `floor` is the session floor their login read (Authenticated).
   */
  begin(username: string, floor: string | null, amr?: readonly string[]): Promise<Session>;
  /** The cache key of the current session (a digest of its id), to tell it among the user's; null without one. */
  readonly key: string | null;
  /** Ends the current session and clears its cookie. */
  end(): Promise<void>;
}
