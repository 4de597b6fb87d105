import { randomFillSync } from 'node:crypto';
import type { RandomSource } from '../../domain/shared/random-source.port.js';

/** Bytes drawn from the CSPRNG at once; most requests ask for 32. */
const POOL_BYTES = 4096;

/**
 * The operating system's CSPRNG (through OpenSSL), drawn a pool at a time: each draw has a fixed
 * cost several times that of copying 32 bytes, and a login asks for several tokens. Every byte is
 * handed out once, copied, and never again (as Node's own `randomUUID` does with its cache).
 */
export class CryptoRandomSource implements RandomSource {
  private readonly pool = Buffer.allocUnsafeSlow(POOL_BYTES);
  private offset = POOL_BYTES;

  bytes(length: number): Uint8Array {
    if (length > POOL_BYTES) return randomFillSync(Buffer.alloc(length));
    if (this.offset + length > POOL_BYTES) {
      randomFillSync(this.pool);
      this.offset = 0;
    }
    const taken = new Uint8Array(this.pool.subarray(this.offset, this.offset + length));
    this.offset += length;
    return taken;
  }
}
