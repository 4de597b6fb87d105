import { z } from 'zod';
import { seal, unseal } from '../../domain/admin/sealed-secret.js';
import type { Cache } from '../../domain/backends/cache.port.js';
import type { RandomSource } from '../../domain/shared/random-source.port.js';
import { sha256Base64url } from '../../domain/shared/digest.js';
import { parseJsonOrUndefined } from '../../domain/shared/safe-json.js';

export interface SecretRevealDeps {
  cache: Cache;
  random: RandomSource;
}

/** How long a new secret waits to be shown: the page after the one that made it loads at once. */
export const REVEAL_SECONDS = 120;

const secretsSchema = z.record(z.string(), z.string());

/**
 * Shows a new SEC key once, on the page after the form that made it, without putting it in a URL or
 * leaving it readable in the cache: the cache holds it encrypted, for two minutes and one reading,
 * under the digest of a random id; the key that decrypts it exists only in the handle, which the
 * browser alone holds (an HttpOnly cookie). A reload finds nothing: the first reading took it.
 */
export class SecretReveal {
  constructor(private readonly deps: SecretRevealDeps) {}

  /** Seals `secrets` for one showing on the page of `subject`; resolves the handle for the browser. */
  async stash(subject: string, secrets: Readonly<Record<string, string>>): Promise<string> {
    const { cache, random } = this.deps;
    const id = Buffer.from(random.bytes(16)).toString('base64url');
    const key = random.bytes(32);
    const sealed = seal(JSON.stringify(secrets), key, random.bytes(12), subject);
    await cache.set(revealKey(id), sealed, REVEAL_SECONDS);
    return `${id}.${Buffer.from(key).toString('base64url')}`;
  }

  /** The secrets behind `handle` if they were stashed for `subject` and not shown yet; null otherwise. */
  async reveal(handle: string, subject: string): Promise<Record<string, string> | null> {
    const [id = '', encodedKey = '', extra] = handle.split('.');
    if (extra !== undefined || !/^[\w-]{22}$/.test(id) || !/^[\w-]{43}$/.test(encodedKey)) return null;
    // Read, and taken only once it opens for this subject: a handle tried elsewhere does not spend it.
    const key = revealKey(id);
    const sealed = await this.deps.cache.get(key);
    if (sealed === null) return null;
    const plain = unseal(sealed, Buffer.from(encodedKey, 'base64url'), subject);
    if (plain === null || (await this.deps.cache.take(key)) === null) return null;
    try {
      const parsed = secretsSchema.safeParse(parseJsonOrUndefined(plain));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }
}

function revealKey(id: string): string {
  return `reveal:${sha256Base64url(id)}`;
}
