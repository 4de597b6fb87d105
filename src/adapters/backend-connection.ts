/** A connection to an outside service that must be opened before serving and closed on shutdown. */
export interface BackendConnection {
  /** Short name for logs and errors, such as `redis`. */
  readonly name: string;
  /** Connects; rejects with a message that names the service and its address (never a password). */
  open(): Promise<void>;
  /** Disconnects; safe to call when never opened or already closed. */
  close(): Promise<void>;
}
