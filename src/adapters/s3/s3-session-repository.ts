import type { S3Client } from '@aws-sdk/client-s3';
import { ServiceUnavailable, SessionNotFound } from '../../domain/domain.errors.js';
import { SessionRepository } from '../../domain/ports/session-repository.port.js';
import type { Session } from '../../domain/session.js';
import { assertStorableSession, isSessionId } from '../storage/session-identifiers.js';
import { parseStoredSession, serializeSessionRecord } from '../storage/session-record-json.js';
import { parseTokenClaim, serializeTokenClaim } from '../storage/token-claim-json.js';
import { S3Objects, type S3StorageOptions, type StoredObject } from './s3-objects.js';

const JSON_TYPE = 'application/json';
/**
 * Conditional writes lost in a row before giving up. Each lost write means another writer's write
 * landed, so N concurrent writers need at most N-1; more means sustained contention.
 */
const MAX_LOST_WRITES = 32;

/**
 * Sessions as JSON objects in one bucket:
 *   sessions/<id>.json     the SessionRecord
 *   tokens/<token>.json    `{"sessionId": ...}`: the session that holds the token, or last held it
 *
 * Every write that must not clobber another is a conditional PutObject, which S3 decides atomically
 * for all clients at once, so this holds across Lambda containers without a lock:
 * - A token is taken by creating its claim with `If-None-Match: *`, or, when the holder has expired
 *   or is gone, by replacing the claim with `If-Match: <the ETag read>`. Of two containers that read
 *   the same claim, exactly one write succeeds; the loser (412/409) re-reads and returns the winner.
 * - The session is stored (`If-None-Match: *`) before it is claimed, so a claim never names a
 *   missing record; a loser deletes the record it stored.
 * - update and delete check that the record exists; update then writes with `If-Match` of the
 *   version it saw, retrying on a lost condition, so it never recreates a deleted session. Updates
 *   replace the record whole: the last to land wins (the port carries no version to compare).
 */
export class S3SessionRepository extends SessionRepository {
  private readonly objects: S3Objects;

  constructor(client: S3Client, bucket: string, options: S3StorageOptions = {}) {
    super();
    this.objects = new S3Objects(client, bucket, options);
  }

  override async createUnlessTokenHeld(session: Session, now: Date): Promise<Session> {
    assertStorableSession(session);
    const claimKey = `tokens/${session.clientRequestToken}.json`;
    let stored = false;
    for (let lost = 0; lost < MAX_LOST_WRITES; lost++) {
      const claim = await this.objects.get(claimKey);
      const holder = claim && (await this.findById(parseTokenClaim(claim.bytes, session.clientRequestToken)));
      // The holder can be this very session when the SDK retried a claim write that had landed.
      if (holder && (holder.id === session.id || !holder.isExpiredAt(now))) {
        if (stored && holder.id !== session.id) await this.discard(session);
        return holder;
      }
      if (!stored) {
        await this.storeNew(session);
        stored = true;
      }
      const condition = claim ? { ifMatch: claim.etag } : { ifNoneMatch: '*' as const };
      if (await this.objects.putIf(claimKey, serializeTokenClaim(session.id), condition, JSON_TYPE)) return session;
      // Another container wrote the claim first: read it and decide again.
    }
    throw new ServiceUnavailable(`storage is busy: token ${session.clientRequestToken} is contended`);
  }

  override async findById(id: string): Promise<Session | null> {
    // Ids come from URLs: a malformed one names no session, and never a key.
    if (!isSessionId(id)) return null;
    const object = await this.objects.get(sessionKey(id));
    return object && parseStoredSession(object.bytes, id);
  }

  /** @throws SessionNotFound when no session has this id: update never creates one. */
  override async update(session: Session): Promise<void> {
    const record = serializeSessionRecord(session.toRecord());
    for (let lost = 0; lost < MAX_LOST_WRITES; lost++) {
      const current = await this.existing(session.id);
      if (await this.objects.putIf(sessionKey(session.id), record, { ifMatch: current.etag }, JSON_TYPE)) return;
    }
    throw new ServiceUnavailable(`storage is busy: session ${session.id} is contended`);
  }

  /**
   * The token's claim stays: it names a missing session, which leaves the token free.
   * @throws SessionNotFound when no session has this id.
   */
  override async delete(id: string): Promise<void> {
    await this.existing(id);
    await this.objects.delete(sessionKey(id));
  }

  override async *createdBefore(cutoff: Date): AsyncIterable<Session> {
    for await (const { key } of this.objects.list('sessions/')) {
      // A damaged record (it holds no image) is skipped, so it cannot stall the sweep of the others.
      const session = await this.findById(key.slice('sessions/'.length, -'.json'.length)).catch(() => null);
      if (session && session.createdAt < cutoff) yield session;
    }
  }

  /** The stored record of `id`. @throws SessionNotFound when there is none. */
  private async existing(id: string): Promise<StoredObject> {
    const object = isSessionId(id) ? await this.objects.get(sessionKey(id)) : null;
    if (object === null) throw new SessionNotFound(id);
    return object;
  }

  private async storeNew(session: Session): Promise<void> {
    const record = serializeSessionRecord(session.toRecord());
    if (await this.objects.putIf(sessionKey(session.id), record, { ifNoneMatch: '*' }, JSON_TYPE)) return;
    // A 412 can also answer the SDK's retry of a put that had landed: then the record is ours.
    const present = await this.objects.get(sessionKey(session.id));
    if (!present || !sameBytes(present.bytes, record)) {
      throw new Error(`Session ${session.id} is already stored; a new session needs a new id.`);
    }
  }

  /** Removes a session that lost its token race; nothing refers to it, so failing here is harmless. */
  private async discard(session: Session): Promise<void> {
    await this.objects.delete(sessionKey(session.id)).catch(() => undefined);
  }
}

function sessionKey(id: string): string {
  return `sessions/${id}.json`;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
