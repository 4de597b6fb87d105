import type { Passkey } from '../../domain/passkeys/passkey.js';
import type { PasskeyStore } from '../../domain/passkeys/passkey-store.port.js';

/** Passkeys in process memory, lost on restart: for tests, demos and a single instance. */
export class MemoryPasskeyStore implements PasskeyStore {
  private readonly passkeys = new Map<string, Passkey>();

  async find(id: string): Promise<Passkey | null> {
    const passkey = this.passkeys.get(id);
    return passkey === undefined ? null : structuredClone(passkey);
  }

  async listFor(username: string): Promise<Passkey[]> {
    return [...this.passkeys.values()]
      .filter((passkey) => passkey.username === username)
      .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
      .map((passkey) => structuredClone(passkey));
  }

  async add(passkey: Passkey): Promise<boolean> {
    if (this.passkeys.has(passkey.id)) return false;
    this.passkeys.set(passkey.id, structuredClone(passkey));
    return true;
  }

  async recordUse(id: string, use: { counter: number; at: number }, seenCounter: number): Promise<boolean> {
    const passkey = this.passkeys.get(id);
    if (passkey === undefined || passkey.counter !== seenCounter) return false;
    this.passkeys.set(id, { ...passkey, counter: use.counter, lastUsedAt: use.at });
    return true;
  }

  async rename(username: string, id: string, name: string): Promise<boolean> {
    const passkey = this.passkeys.get(id);
    if (passkey === undefined || passkey.username !== username) return false;
    this.passkeys.set(id, { ...passkey, name });
    return true;
  }

  async remove(username: string, id: string): Promise<boolean> {
    const passkey = this.passkeys.get(id);
    if (passkey === undefined || passkey.username !== username) return false;
    return this.passkeys.delete(id);
  }

  async removeAllFor(username: string): Promise<number> {
    let removed = 0;
    for (const [id, passkey] of this.passkeys) {
      if (passkey.username === username && this.passkeys.delete(id)) removed += 1;
    }
    return removed;
  }
}
