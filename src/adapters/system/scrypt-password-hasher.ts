import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import pLimit, { type LimitFunction } from 'p-limit';
import type { PasswordHasher } from '../../domain/users/password-hasher.port.js';

export interface ScryptPasswordHasherDeps {
  config: { passwordHash: { logN: number; concurrency: number } };
}

interface ScryptParameters {
  logN: number;
  r: number;
  p: number;
}

const R = 8;
const P = 1;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Stored hashes above this cost are refused rather than computed: 2^22 would need 4 GiB. */
const MAX_LOG_N = 20;
/** `$scrypt$ln=17,r=8,p=1$<salt>$<hash>`, salt and hash in unpadded base64 (the PHC string format). */
const phcPattern = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/;

/**
 * Passwords hashed with scrypt (N = 2^logN, r = 8, p = 1, a 16-byte salt, a 32-byte key), the
 * parameters stored with each hash. At the default N = 2^17 a hash takes 128 MiB and about a third
 * of a second, so at most `concurrency` run at once and the rest wait their turn.
 */
export class ScryptPasswordHasher implements PasswordHasher {
  private readonly current: ScryptParameters;
  private readonly limit: LimitFunction;

  constructor(deps: ScryptPasswordHasherDeps) {
    this.current = { logN: deps.config.passwordHash.logN, r: R, p: P };
    this.limit = pLimit(deps.config.passwordHash.concurrency);
  }

  async hash(password: string): Promise<string> {
    const salt = randomBytes(SALT_BYTES);
    const key = await this.derive(password, salt, this.current);
    const { logN, r, p } = this.current;
    return `$scrypt$ln=${logN},r=${r},p=${p}$${unpadded(salt)}$${unpadded(key)}`;
  }

  async verify(password: string, encoded: string): Promise<boolean> {
    const parsed = parse(encoded);
    if (!parsed) {
      // Same cost as a real check, so that a broken record cannot be told from a wrong password.
      await this.derive(password, Buffer.alloc(SALT_BYTES), this.current);
      return false;
    }
    const key = await this.derive(password, parsed.salt, parsed.parameters, parsed.key.length);
    return timingSafeEqual(key, parsed.key);
  }

  /** How many hashes are being computed right now: never more than the configured concurrency. */
  get running(): number {
    return this.limit.activeCount;
  }

  needsRehash(encoded: string): boolean {
    const parsed = parse(encoded);
    if (!parsed) return true;
    const { logN, r, p } = parsed.parameters;
    return logN !== this.current.logN || r !== this.current.r || p !== this.current.p || parsed.key.length !== KEY_BYTES;
  }

  private derive(password: string, salt: Buffer, parameters: ScryptParameters, length = KEY_BYTES): Promise<Buffer> {
    const N = 2 ** parameters.logN;
    const options: ScryptOptions = {
      N,
      r: parameters.r,
      p: parameters.p,
      // The default cap (32 MiB) is below what N = 2^17 needs (128 * N * r bytes); leave room over it.
      maxmem: 2 * 128 * N * parameters.r * parameters.p,
    };
    return this.limit(
      () =>
        new Promise<Buffer>((resolve, reject) => {
          scrypt(password.normalize('NFKC'), salt, length, options, (error, key) => (error ? reject(error) : resolve(key)));
        }),
    );
  }
}

function parse(encoded: string): { parameters: ScryptParameters; salt: Buffer; key: Buffer } | null {
  const match = phcPattern.exec(encoded);
  if (!match) return null;
  const [, logN, r, p, salt = '', key = ''] = match;
  const parameters = { logN: Number(logN), r: Number(r), p: Number(p) };
  if (parameters.logN < 1 || parameters.logN > MAX_LOG_N || parameters.r < 1 || parameters.p < 1) return null;
  const keyBytes = Buffer.from(key, 'base64');
  if (keyBytes.length < 16) return null;
  return { parameters, salt: Buffer.from(salt, 'base64'), key: keyBytes };
}

function unpadded(bytes: Buffer): string {
  return bytes.toString('base64').replace(/=+$/, '');
}
