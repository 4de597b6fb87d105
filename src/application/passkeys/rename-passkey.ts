import { passkeyName } from '../../domain/passkeys/passkey.js';
import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';

export interface RenamePasskeyDeps {
  passkeyStore: PasskeyStore;
}

/** Gives one of the user's passkeys a new name; another user's passkey reads as none. */
export class RenamePasskey {
  constructor(private readonly deps: RenamePasskeyDeps) {}

  async execute(username: string, id: string, newName: string): Promise<void> {
    const name = passkeyName(newName);
    if (name === null) throw passkeyErrors.badName();
    if (!(await this.deps.passkeyStore.rename(username, id, name))) throw passkeyErrors.notFound();
  }
}
