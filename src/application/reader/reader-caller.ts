/** Who the HTTP edge says is calling: a browser logged in on the provider, or a signed API request. */
export interface ReaderCaller {
  /** The logged-in user, or the user the API key acts for; null for a key bound to no user. */
  readonly username: string | null;
  readonly via: 'session' | 'signature';
}

/** How long a query took, in milliseconds, and what it gave. */
export interface Timed<T> {
  readonly result: T;
  readonly spanMs: number;
}
