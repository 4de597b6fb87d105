import { withEntryPoints } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';

export interface AllowEntryPointDeps {
  credentialStore: CredentialStore;
}

/** Lets a key call one more known entry point; a revoked key cannot be changed (`credential.revoked`). */
export class AllowEntryPoint {
  constructor(private readonly deps: AllowEntryPointDeps) {}

  /** True when the key was given the entry point; false when it had it already (nothing changes). */
  async execute(apiKey: string, entryPoint: string): Promise<boolean> {
    const known = await this.deps.credentialStore.listEntryPoints();
    if (!known.some((entry) => entry.name === entryPoint)) throw credentialErrors.unknownEntryPoint(entryPoint);
    let added = false;
    const updated = await this.deps.credentialStore.update(apiKey, (credential) => {
      if (credential.revoked) throw credentialErrors.revoked(apiKey);
      added = !credential.entryPoints.has(entryPoint);
      return added ? withEntryPoints(credential, [entryPoint]) : null;
    });
    if (!updated) throw credentialErrors.notFound(apiKey);
    return added;
  }
}
