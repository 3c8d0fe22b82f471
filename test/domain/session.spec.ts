import { Session } from '../../src/domain/session.js';

const createdAt = new Date('2026-03-01T12:00:00Z');
const session = (lifetimeSeconds = 60) =>
  Session.create({ id: 'id-1', clientRequestToken: 't', requestFingerprint: 'f', referenceImageKey: null, createdAt, lifetimeSeconds, capture: { lifetimeSeconds: 30, returnUrl: null } });
const at = (seconds: number) => new Date(createdAt.getTime() + seconds * 1000);

describe('Session', () => {
  it('starts created with no results and expires after its lifetime', () => {
    const s = session(60);

    expect(s.statusAt(createdAt)).toBe('created');
    expect(s.comparisonResult).toBeNull();
    expect(s.confidence).toBeNull();
    expect(s.expiresAt.toISOString()).toBe('2026-03-01T12:01:00.000Z');
  });

  it('reads expired from its expiry instant on while unfinished', () => {
    expect(session(60).statusAt(at(59.999))).toBe('created');
    expect(session(60).statusAt(at(60))).toBe('expired');
    expect(session(60).isExpiredAt(at(60))).toBe(true);
  });

  it('keeps a finished status after expiry', () => {
    const finished = Session.fromRecord({ ...session(60).toRecord(), status: 'succeeded', comparisonResult: 0.9, confidence: 0.95 });

    expect(finished.statusAt(at(3600))).toBe('succeeded');
    expect(finished.comparisonResult).toBe(0.9);
  });

  it('round-trips through its record without sharing it', () => {
    const original = session();
    const record = original.toRecord();

    expect(Session.fromRecord(record).toRecord()).toEqual(record);
    expect(record).not.toBe(original.toRecord());
  });
});
