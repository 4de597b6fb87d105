import type { SigningKey } from '../../domain/oidc/signing-key.js';
import type { SigningKeyStore } from '../../domain/oidc/signing-key-store.port.js';

/** The provider's signing keys in process memory: a restart makes new ones, and every token they signed stops verifying. */
export class MemorySigningKeyStore implements SigningKeyStore {
  private readonly keys = new Map<string, SigningKey>();

  async list(): Promise<SigningKey[]> {
    return [...this.keys.values()].map((key) => ({ ...key }));
  }

  async add(key: SigningKey): Promise<void> {
    this.keys.set(key.kid, { ...key });
  }

  async remove(kid: string): Promise<boolean> {
    return this.keys.delete(kid);
  }
}
