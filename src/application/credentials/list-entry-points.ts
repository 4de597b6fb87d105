import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';

export interface ListEntryPointsDeps {
  credentialStore: CredentialStore;
}

/** Every entry point in the store, sorted by name: what keys may be allowed. */
export class ListEntryPoints {
  constructor(private readonly deps: ListEntryPointsDeps) {}

  async execute(): Promise<EntryPoint[]> {
    return this.deps.credentialStore.listEntryPoints();
  }
}
