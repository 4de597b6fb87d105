import type { Session } from '../../domain/sessions/session.js';

/** What a handler can do with the browser's session. */
export interface SessionControl {
  /** The live session, or null when the browser has none. */
  readonly current: Session | null;
  /** Starts a session under a new id (ending the current one) and sends its cookie. */
  begin(username: string | null): Promise<Session>;
  /** Ends the current session and clears its cookie. */
  end(): Promise<void>;
}
