import { withEntryPoints } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

export interface AllowEntryPointDeps {
  credentialStore: CredentialStore;
}

/** Lets a key call one more known entry point. */
export class AllowEntryPoint {
  constructor(private readonly deps: AllowEntryPointDeps) {}

  async execute(apiKey: string, entryPoint: string): Promise<void> {
    const credential = await this.deps.credentialStore.findByApiKey(apiKey);
    if (!credential) throw credentialErrors.notFound(apiKey);
    const known = await this.deps.credentialStore.listEntryPoints();
    if (!known.some((entry) => entry.name === entryPoint)) throw credentialErrors.unknownEntryPoint(entryPoint);
    await this.deps.credentialStore.save(withEntryPoints(credential, [entryPoint]));
  }
}
