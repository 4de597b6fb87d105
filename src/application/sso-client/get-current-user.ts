import type { SsoUserStore } from '../../domain/sso-client/sso-user-store.port.js';
import type { Session } from '../../domain/sessions/session.js';
import type { SsoUser } from '../../domain/sso-client/sso-user.js';
import type { LoadSession } from '../sessions/load-session.js';

export interface GetCurrentUserDeps {
  loadSession: LoadSession;
  ssoUserStore: SsoUserStore;
}

export interface CurrentUser {
  user: SsoUser;
  session: Session;
}

/**
 * Who is logged in at the app with this session id: the live session (Signet's session rules: 30
 * minutes idle, 12 hours in all), and the user it names, as saved at the login. null for no session,
 * or a user the store no longer has (removing a user logs them out).
 */
export class GetCurrentUser {
  constructor(private readonly deps: GetCurrentUserDeps) {}

  async execute(sessionId: string): Promise<CurrentUser | null> {
    const session = await this.deps.loadSession.execute(sessionId);
    if (!session) return null;
    // The session names its holder by the user's key (the provider's id as text): see CompleteSsoLogin.
    const user = await this.deps.ssoUserStore.findById(session.username);
    return user ? { user, session } : null;
  }
}
