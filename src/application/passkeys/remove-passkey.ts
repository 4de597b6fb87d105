import { passkeyErrors } from '../../domain/passkeys/passkey.errors.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';
import type { Logger } from '../../domain/shared/logger.port.js';

export interface RemovePasskeyDeps {
  passkeyStore: PasskeyStore;
  logger: Logger;
}

/** Removes one of the user's passkeys: it signs no one in from then on. Another user's passkey reads as none. */
export class RemovePasskey {
  constructor(private readonly deps: RemovePasskeyDeps) {}

  async execute(username: string, id: string): Promise<void> {
    if (!(await this.deps.passkeyStore.remove(username, id))) throw passkeyErrors.notFound();
    this.deps.logger.info('a passkey was removed', { username });
  }
}
