/** A person who can log in to the provider. Times are milliseconds since the epoch. */
export interface User {
  readonly username: string;
  /** A self-describing hash (algorithm and parameters included); never shown to anyone. */
  readonly passwordHash: string;
  readonly email: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly isStaff: boolean;
  /** Every permission without being granted it (Django's is_superuser); client apps read it. */
  readonly isSuperuser: boolean;
  readonly isActive: boolean;
  /** Names of the groups the user belongs to (Django's groups), for client apps to act on. */
  readonly groups: readonly string[];
  readonly dateJoined: number;
  /** null when the user never logged in. */
  readonly lastLogin: number | null;
  /** Free-form, JSON-serialisable attributes an installation keeps about its users. */
  readonly attributes: Readonly<Record<string, unknown>>;
}
