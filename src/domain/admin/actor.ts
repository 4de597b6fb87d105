/**
 * The three ways into the admin, and the login pages (for what a login refused that an admin should
 * hear of): each entry in the audit log names one.
 */
export type AdminChannel = 'admin-site' | 'admin-api' | 'command-line' | 'login';

/** Who makes an admin change, through what, and from where. */
export interface Actor {
  readonly via: AdminChannel;
  /** A staff username (site), `key <API key>` with its user if any (API), or the OS user (command line). */
  readonly name: string;
  /** The client address (site, API) or the host the command ran on; null when unknown. */
  readonly address: string | null;
  /** The Signet user acting: the staff user, or the user an admin key is bound to; null for the command line. */
  readonly username: string | null;
}

export function staffActor(username: string, address: string | null): Actor {
  return { via: 'admin-site', name: username, address, username };
}

export function apiKeyActor(apiKey: string, username: string | null, address: string | null): Actor {
  return { via: 'admin-api', name: username === null ? `key ${apiKey}` : `key ${apiKey} (${username})`, address, username };
}

/** Someone on a login page: `username` is whose account the login was for. */
export function loginActor(username: string, address: string | null): Actor {
  return { via: 'login', name: username, address, username };
}

export function commandLineActor(osUser: string, host: string | null): Actor {
  return { via: 'command-line', name: osUser, address: host, username: null };
}
