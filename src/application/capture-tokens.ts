import { createHmac, timingSafeEqual } from 'node:crypto';
import { CaptureTokenForOtherSession, CaptureTokenInvalid } from '../domain/domain.errors.js';

const SEPARATOR = '.';

/**
 * Capture tokens: `<sessionId>.<HMAC-SHA256(secret, sessionId)>`, base64url. Derived, not stored, so
 * an idempotent retry of a creation hands out the same link and nothing secret sits beside the
 * session; the token names its session, so a token used on another session's route is told from
 * a forged one (403, not 401). Whether it is still valid is the session's to say (captureOpenAt).
 */
export class CaptureTokens {
  private readonly key: Buffer;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'utf8');
  }

  issue(sessionId: string): string {
    return `${sessionId}${SEPARATOR}${this.mac(sessionId).toString('base64url')}`;
  }

  /**
   * Checks that `token` was issued for `sessionId`.
   * @throws CaptureTokenInvalid when this service did not issue it; CaptureTokenForOtherSession
   * when it did, for another session.
   */
  verify(token: string, sessionId: string): void {
    const owner = token.slice(0, Math.max(0, token.lastIndexOf(SEPARATOR)));
    // The whole string against the one issued, not the decoded MAC: base64url decoding skips
    // stray characters and padding, which would let many spellings of one token through.
    const [given, expected] = [Buffer.from(token, 'utf8'), Buffer.from(this.issue(owner), 'utf8')];
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new CaptureTokenInvalid();
    if (owner !== sessionId) throw new CaptureTokenForOtherSession();
  }

  private mac(sessionId: string): Buffer {
    return createHmac('sha256', this.key).update(sessionId).digest();
  }
}
