import { randomBytes } from 'node:crypto';
import type { RandomSource } from '../../domain/shared/random-source.port.js';

export class CryptoRandomSource implements RandomSource {
  bytes(length: number): Uint8Array {
    return randomBytes(length);
  }
}
