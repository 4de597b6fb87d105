import { withEntryPoints } from '../../domain/api-auth/credential-factory.js';
import { credentialErrors } from '../../domain/api-auth/credential.errors.js';
import type { CredentialStore } from '../../domain/ports/credential-store.port.js';

export interface AllowEntryPointDeps {
  credentialStore: CredentialStore;
}

/** Lets a key call one more known entry point. */
export class AllowEntryPoint {
  constructor(private readonly deps: AllowEntryPointDeps) {}

  /** True when the key was given the entry point; false when it had it already (nothing changes). */
  async execute(apiKey: string, entryPoint: string): Promise<boolean> {
    const [credential, known] = await Promise.all([
      this.deps.credentialStore.findByApiKey(apiKey),
      this.deps.credentialStore.listEntryPoints(),
    ]);
    if (!credential) throw credentialErrors.notFound(apiKey);
    if (!known.some((entry) => entry.name === entryPoint)) throw credentialErrors.unknownEntryPoint(entryPoint);
    if (credential.entryPoints.has(entryPoint)) return false;
    await this.deps.credentialStore.save(withEntryPoints(credential, [entryPoint]));
    return true;
  }
}
