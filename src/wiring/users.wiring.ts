import { asClass } from 'awilix';
import { EndSession } from '../application/sessions/end-session.js';
import { EndUserSessions } from '../application/sessions/end-user-sessions.js';
import { LoadSession } from '../application/sessions/load-session.js';
import { StartSession } from '../application/sessions/start-session.js';
import { AuthenticateUser } from '../application/users/authenticate-user.js';
import type { Wiring } from './wiring.js';

/** Users logging in, and their sessions. */
export interface UsersCradle {
  authenticateUser: AuthenticateUser;
  startSession: StartSession;
  loadSession: LoadSession;
  endSession: EndSession;
  endUserSessions: EndUserSessions;
}

export function usersWiring(): Wiring<UsersCradle> {
  return {
    authenticateUser: asClass(AuthenticateUser).singleton(),
    startSession: asClass(StartSession).singleton(),
    loadSession: asClass(LoadSession).singleton(),
    endSession: asClass(EndSession).singleton(),
    endUserSessions: asClass(EndUserSessions).singleton(),
  };
}
