import { hash, verify } from '@node-rs/argon2';
import pLimit, { type LimitFunction } from 'p-limit';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';
import { ScryptPasswordHasher } from './scrypt-password-hasher.js';

export interface Argon2idPasswordHasherDeps {
  config: { passwordHash: { logN: number; concurrency: number } };
}

/** Memory in KiB, passes, lanes: what `$argon2id$v=19$m=…,t=…,p=…$` records. */
export interface Argon2idParameters {
  memoryKib: number;
  passes: number;
  lanes: number;
}

/**
 * One of the equivalent minimums of OWASP's Password Storage Cheat Sheet (7 MiB, 5 passes, 1 lane),
 * the one that gave the most logins a second on a 2-core machine: see docs/performance.md.
 */
export const ARGON2ID_DEFAULT: Argon2idParameters = { memoryKib: 7168, passes: 5, lanes: 1 };

const KEY_BYTES = 32;
/** Stored hashes above these costs are refused rather than computed: a forged record must not cost a GiB. */
const MAX_MEMORY_KIB = 256 * 1024;
const MAX_PASSES = 32;
const MAX_LANES = 16;
const phcPattern = /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,3})\$[A-Za-z0-9+/]{11,}\$([A-Za-z0-9+/]{22,})$/;
/** Hashed when a record is not a hash at all, so that checking it costs what a real check does. */
const STAND_IN_PASSWORD = 'no user has this password';

/**
 * Passwords hashed with Argon2id (RFC 9106) at `ARGON2ID_DEFAULT`, a 16-byte salt and a 32-byte key,
 * in the PHC string format. Hashes made by ScryptPasswordHasher still verify and ask to be re-hashed,
 * so stored scrypt hashes move to Argon2id as their users log in. At most `concurrency` hashes run at
 * once; the rest wait their turn.
 */
export class Argon2idPasswordHasher implements PasswordHasher {
  private readonly limit: LimitFunction;
  private readonly scrypt: ScryptPasswordHasher;
  private standIn: Promise<string> | null = null;

  constructor(
    deps: Argon2idPasswordHasherDeps,
    private readonly current: Argon2idParameters = ARGON2ID_DEFAULT,
  ) {
    this.limit = pLimit(deps.config.passwordHash.concurrency);
    this.scrypt = new ScryptPasswordHasher(deps);
  }

  hash(password: string): Promise<string> {
    return this.limit(() =>
      // No `algorithm`: Argon2id is the binding's default (its enum is ambient, which isolated modules cannot read).
      hash(password.normalize('NFKC'), {
        memoryCost: this.current.memoryKib,
        timeCost: this.current.passes,
        parallelism: this.current.lanes,
        outputLen: KEY_BYTES,
      }),
    );
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    if (encoded.startsWith('$scrypt$')) return this.limit(() => this.scrypt.verify(password, encoded));
    if (!parse(encoded)) {
      // Same cost as a real check, so that a broken record cannot be told from a wrong password.
      this.standIn ??= this.hash(STAND_IN_PASSWORD);
      const standIn = await this.standIn;
      await this.limit(() => verify(standIn, password.normalize('NFKC')));
      return false;
    }
    return this.limit(() => verify(encoded, password.normalize('NFKC')).catch(() => false));
  }

  /** How many hashes are being computed right now: never more than the configured concurrency. */
  get running(): number {
    return this.limit.activeCount;
  }

  needsRehash(encoded: string): boolean {
    const parsed = parse(encoded);
    if (!parsed) return true;
    const { memoryKib, passes, lanes } = this.current;
    return parsed.memoryKib !== memoryKib || parsed.passes !== passes || parsed.lanes !== lanes || parsed.keyBytes !== KEY_BYTES;
  }
}

function parse(encoded: string): (Argon2idParameters & { keyBytes: number }) | null {
  const match = phcPattern.exec(encoded);
  if (!match) return null;
  const [, memory, passes, lanes, key = ''] = match;
  const parameters = { memoryKib: Number(memory), passes: Number(passes), lanes: Number(lanes) };
  if (parameters.passes < 1 || parameters.passes > MAX_PASSES || parameters.lanes < 1 || parameters.lanes > MAX_LANES)
    return null;
  if (parameters.memoryKib < 8 * parameters.lanes || parameters.memoryKib > MAX_MEMORY_KIB) return null;
  return { ...parameters, keyBytes: Buffer.from(key, 'base64').length };
}
