import { CaptureTokens } from '../../src/application/capture-tokens.js';
import { CaptureTokenForOtherSession, CaptureTokenInvalid } from '../../src/domain/domain.errors.js';

const SESSION_A = '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';
const SESSION_B = '7c1d3e5f-2a4b-4c6d-8e0f-1a2b3c4d5e6f';
const tokens = new CaptureTokens('capture-secret-0123456789abcdefghijklmn');

/** `token` with its mac part replaced by `change(mac)`. */
function withMac(token: string, change: (mac: string) => string): string {
  const at = token.lastIndexOf('.');
  return `${token.slice(0, at)}.${change(token.slice(at + 1))}`;
}

const BASE64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** The base64url character whose 6-bit value differs from `char`'s in the lowest bit only. */
const lowBitFlipped = (char: string) => BASE64URL[BASE64URL.indexOf(char) ^ 1];
/** Another base64url character than `char`, that changes its high bits (so its decoded byte changes). */
const flipped = (char: string) => (char === 'A' ? 'g' : 'A');

describe('CaptureTokens', () => {
  it('issues a token, named after its session, that verifies for that session', () => {
    const token = tokens.issue(SESSION_A);

    expect(token.startsWith(`${SESSION_A}.`)).toBe(true);
    expect(() => tokens.verify(token, SESSION_A)).not.toThrow();
  });

  it('issues the same token for a session every time, so an idempotent retry hands out the same link', () => {
    expect(tokens.issue(SESSION_A)).toBe(tokens.issue(SESSION_A));
    expect(new CaptureTokens('capture-secret-0123456789abcdefghijklmn').issue(SESSION_A)).toBe(tokens.issue(SESSION_A));
  });

  it('issues different tokens for different sessions, and with different secrets', () => {
    expect(tokens.issue(SESSION_A)).not.toBe(tokens.issue(SESSION_B));
    expect(new CaptureTokens('another-secret-0123456789abcdefghijklmn').issue(SESSION_A)).not.toBe(tokens.issue(SESSION_A));
  });

  it('rejects a token issued with another secret with CaptureTokenInvalid', () => {
    const foreign = new CaptureTokens('another-secret-0123456789abcdefghijklmn').issue(SESSION_A);
    expect(() => tokens.verify(foreign, SESSION_A)).toThrow(CaptureTokenInvalid);
  });

  it.each([
    ['has its first character changed', (mac: string) => flipped(mac[0]) + mac.slice(1)],
    ['has a middle character changed', (mac: string) => mac.slice(0, 20) + flipped(mac[20]) + mac.slice(21)],
    ['lacks its last character', (mac: string) => mac.slice(0, -1)],
    ['lacks its last four characters', (mac: string) => mac.slice(0, -4)],
    ['has four characters appended', (mac: string) => `${mac}AAAA`],
    ['is empty', () => ''],
  ])('rejects a token whose mac %s with CaptureTokenInvalid', (_change, change) => {
    expect(() => tokens.verify(withMac(tokens.issue(SESSION_A), change), SESSION_A)).toThrow(CaptureTokenInvalid);
  });

  it('rejects a token that names another session than its mac was made for with CaptureTokenInvalid', () => {
    const [, mac] = tokens.issue(SESSION_A).split('.');
    expect(() => tokens.verify(`${SESSION_B}.${mac}`, SESSION_B)).toThrow(CaptureTokenInvalid);
  });

  it.each([
    ['a token without its separator', () => tokens.issue(SESSION_A).replace('.', '')],
    ['the mac alone', () => tokens.issue(SESSION_A).slice(SESSION_A.length)],
    ['the session id alone', () => SESSION_A],
    ['an empty string', () => ''],
  ])('rejects %s with CaptureTokenInvalid', (_shape, token) => {
    expect(() => tokens.verify(token(), SESSION_A)).toThrow(CaptureTokenInvalid);
  });

  it('rejects a valid token of session A used for session B with CaptureTokenForOtherSession', () => {
    const token = tokens.issue(SESSION_A);
    expect(() => tokens.verify(token, SESSION_B)).toThrow(CaptureTokenForOtherSession);
    expect(() => tokens.verify(token, SESSION_B)).not.toThrow(CaptureTokenInvalid);
  });

  it('verifies only the exact string it issued, not another spelling of the same mac', () => {
    const token = tokens.issue(SESSION_A);
    const variants = [`${token}*`, `${token}=`, withMac(token, (mac) => `*${mac}`), withMac(token, (mac) => mac.slice(0, -1) + lowBitFlipped(mac.at(-1) ?? ''))];
    for (const variant of variants) expect(() => tokens.verify(variant, SESSION_A)).toThrow(CaptureTokenInvalid);
  });
});
