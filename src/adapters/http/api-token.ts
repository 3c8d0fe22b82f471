import { hash, timingSafeEqual } from 'node:crypto';
import { bearerToken } from './bearer-header.js';

// Hashing first gives both sides one length, so timingSafeEqual leaks neither content nor length.
const sha256 = (value: string) => hash('sha256', value, 'buffer');

/** The API token every call but health checks and the capture page's must present. */
export class ApiToken {
  private readonly expected: Buffer;

  constructor(token: string) {
    this.expected = sha256(token);
  }

  /** True when the `Authorization` header is `Bearer <this token>`, compared in constant time. */
  admits(authorization: string | undefined): boolean {
    const token = bearerToken(authorization);
    return token !== null && timingSafeEqual(sha256(token), this.expected);
  }
}
