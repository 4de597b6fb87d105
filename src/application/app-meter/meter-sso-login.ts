import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RecordAppLogin } from './record-app-login.js';

export interface MeterSsoLoginDeps {
  credentialStore: CredentialStore;
  recordAppLogin: Pick<RecordAppLogin, 'execute'>;
}

/**
 * Counts a dj-sso login as the app redeems it (step 4 of the handshake, when the app gets the user):
 * the app is the SSO host of the key that redeemed it. Never rejects (see RecordAppLogin).
 */
export class MeterSsoLogin {
  constructor(private readonly deps: MeterSsoLoginDeps) {}

  execute(apiKey: string, username: string): Promise<void> {
    return this.deps.recordAppLogin.execute('dj-sso', username, async () => {
      const credential = await this.deps.credentialStore.findByApiKey(apiKey);
      return credential?.ssoHost ?? null;
    });
  }
}
