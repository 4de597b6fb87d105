import type { SsoUser, SsoUserId } from './sso-user.js';

/**
 * Where an SSO app keeps the users who logged in through the provider (dj-sso-client's SSOUser):
 * each saved at its login, as the provider sent it. Users are keyed on the provider's id, compared as
 * text (the number 2 and the text "2" are the same user). A store that cannot reach its backend
 * rejects with BackendUnavailableError.
 */
export interface SsoUserStore {
  /** Inserts the user, or replaces the one with the same id, every attribute included. */
  save(user: SsoUser): Promise<void>;

  /** The user with this id, exactly as saved; null when there is none (or a cache-backed store let it expire). */
  findById(id: SsoUserId): Promise<SsoUser | null>;

  /** Forgets the user with this id; an unknown id is not an error. */
  remove(id: SsoUserId): Promise<void>;

  /** Resolves when the backend answers; rejects with the reason when it does not. */
  ping(): Promise<void>;
}
