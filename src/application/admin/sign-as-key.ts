import type { Actor } from '../../domain/admin/actor.js';
import { usableCredential } from '../../domain/api-auth/api-credential.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { Clock } from '../../domain/shared/clock.port.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';
import type { RecordAdminChange } from './record-admin-change.js';

export interface SignAsKeyDeps {
  credentialStore: CredentialStore;
  clock: Clock;
  recordAdminChange: Pick<RecordAdminChange, 'execute'>;
}

/** A trial request to sign: what the "Try a request" page was given, for the record. */
export interface TrialRequest {
  apiKey: string;
  method: string;
  url: string;
}

/**
 * "Try a request": runs `sign` with the key's newest active SEC key, server-side, so that the page
 * can show what a correct client computes without the SEC key itself ever being shown. Anyone who
 * can do this can act as the key for a few minutes, so each use is recorded in the audit log.
 */
export class SignAsKey {
  constructor(private readonly deps: SignAsKeyDeps) {}

  async execute<Signed>(actor: Actor, trial: TrialRequest, sign: (secretKey: string, now: number) => Signed): Promise<Signed> {
    const { credentialStore, clock, recordAdminChange } = this.deps;
    const credential = await credentialStore.findByApiKey(trial.apiKey);
    if (!credential) throw credentialErrors.notFound(trial.apiKey);
    const now = clock.now();
    const usable = usableCredential(credential, now);
    if (!usable) throw credentialErrors.revoked(trial.apiKey);
    const [secret = ''] = usable.secrets;
    const signed = sign(secret, now);
    await recordAdminChange.execute(actor, {
      action: 'request.sign',
      target: trial.apiKey,
      details: { method: trial.method, url: trial.url },
    });
    return signed;
  }
}
