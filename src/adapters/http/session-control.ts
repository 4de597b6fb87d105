import type { Session } from '../../domain/sessions/session.js';

/** What a handler can do with the browser's session. */
export interface SessionControl {
  /** The live session, or null when the browser is not logged in. */
  readonly current: Session | null;
  /**
   * Starts a session for `username` under a new id (ending the current one) and sends its cookie;
   * `floor` is the session floor their login read (Authenticated).
   */
  begin(username: string, floor: string | null): Promise<Session>;
  /** Ends the current session and clears its cookie. */
  end(): Promise<void>;
}
