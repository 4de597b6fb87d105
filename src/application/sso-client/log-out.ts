import type { EndSession } from '../sessions/end-session.js';

export interface LogOutDeps {
  endSession: EndSession;
}

/**
 * Logs the browser out of the app: its local session ends, on every instance sharing the cache. The
 * provider is left alone: the person stays logged in there, and at the other apps.
 */
export class LogOut {
  constructor(private readonly deps: LogOutDeps) {}

  async execute(sessionId: string | null): Promise<void> {
    if (sessionId !== null) await this.deps.endSession.execute(sessionId);
  }
}
