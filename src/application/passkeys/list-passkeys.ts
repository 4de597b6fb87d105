import type { Passkey } from '../../domain/passkeys/passkey.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';

export interface ListPasskeysDeps {
  passkeyStore: PasskeyStore;
}

/** A user's passkeys, oldest first. */
export class ListPasskeys {
  constructor(private readonly deps: ListPasskeysDeps) {}

  execute(username: string): Promise<Passkey[]> {
    return this.deps.passkeyStore.listFor(username);
  }
}
