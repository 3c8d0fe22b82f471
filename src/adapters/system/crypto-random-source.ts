import { randomInt } from 'node:crypto';
import { RandomSource } from '../../domain/ports/random-source.port.js';

/** The operating system's CSPRNG: a challenge's steps must not be predictable from earlier ones. */
export class CryptoRandomSource extends RandomSource {
  pick(size: number): number {
    return randomInt(size);
  }
}
