import type { EntryPoint } from '../../domain/api-auth/entry-point.js';
import type { CredentialStore } from '../../domain/api-auth/credential-store.port.js';

export interface ReloadEntryPointsDeps {
  credentialStore: CredentialStore;
}

export interface EntryPointChange {
  action: 'ADD' | 'UPDATE/KEEP' | 'REMOVE';
  name: string;
}

/**
 * Makes the stored entry points exactly the discovered ones. Removed entry points are taken away
 * from every key that allowed them.
 */
export class ReloadEntryPoints {
  constructor(private readonly deps: ReloadEntryPointsDeps) {}

  async execute(discovered: readonly EntryPoint[]): Promise<EntryPointChange[]> {
    const store = this.deps.credentialStore;
    const existing = new Set((await store.listEntryPoints()).map((entry) => entry.name));
    const changes: EntryPointChange[] = [];
    const seen = new Set<string>();
    for (const entryPoint of discovered) {
      if (seen.has(entryPoint.name)) continue;
      seen.add(entryPoint.name);
      await store.saveEntryPoint(entryPoint);
      changes.push({ action: existing.has(entryPoint.name) ? 'UPDATE/KEEP' : 'ADD', name: entryPoint.name });
    }
    const removed = [...existing].filter((name) => !seen.has(name)).sort();
    if (removed.length > 0) await store.removeEntryPoints(removed);
    for (const name of removed) changes.push({ action: 'REMOVE', name });
    return changes;
  }
}
