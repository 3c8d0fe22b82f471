import { join, resolve } from 'node:path';
import { ServiceUnavailable, SessionNotFound } from '../../domain/domain.errors.js';
import { SessionRepository } from '../../domain/ports/session-repository.port.js';
import { Session } from '../../domain/session.js';
import { assertStorableSession, isSessionId } from '../storage/session-identifiers.js';
import { parseStoredSession, serializeSessionRecord } from '../storage/session-record-json.js';
import { parseTokenClaim, serializeTokenClaim } from '../storage/token-claim-json.js';
import { createFileExclusive, fileStampOrNull, listFiles, readRecordOrNull, removeFile, writeFileAtomic } from './atomic-file.js';
import { FileStampedCache } from './file-stamped-cache.js';
import { pathInside } from './fs-paths.js';
import { KeyedMutex } from './keyed-mutex.js';

/** One claim of a token: generation `n` lives in `tokens/<token>/<n>.json`. */
interface TokenClaim {
  readonly generation: number;
  readonly sessionId: string;
}

/** Enough for the sessions under way on one machine; each is at most a few hundred KiB (face meshes, descriptors). */
const RECENT_SESSIONS = 256;

const CLAIM_FILE = /^(0|[1-9][0-9]{0,14})\.json$/;

/**
 * Sessions as JSON files under `dataDir`:
 *   sessions/<id>.json          the SessionRecord
 *   tokens/<token>/<n>.json     `{"sessionId": ...}`: the token's n-th holder; the highest n holds it
 *
 * A token is taken by creating claim n+1 with an exclusive link, so of two processes (or two
 * instances) that both saw claim n, exactly one wins; the loser re-reads and returns the winner.
 * Claims are never deleted, so a claim number is never reused. Within one process, a mutex per
 * token and per id queues callers so they don't race on the disk at all.
 */
export class FsSessionRepository extends SessionRepository {
  private readonly root: string;
  private readonly tokenLocks = new KeyedMutex();
  private readonly sessionLocks = new KeyedMutex();
  /**
   * Sessions read lately, while their files are unchanged: a status poll then costs one stat rather
   * than a read, a JSON parse and a validation. Sessions are immutable, so one instance can be shared.
   */
  private readonly recent = new FileStampedCache<Session>(RECENT_SESSIONS);

  constructor(dataDir: string) {
    super();
    this.root = resolve(dataDir);
  }

  override async createUnlessTokenHeld(session: Session, now: Date): Promise<Session> {
    assertStorableSession(session);
    return this.tokenLocks.run(session.clientRequestToken, () => this.claimToken(session, now));
  }

  override async findById(id: string): Promise<Session | null> {
    return this.read(id, { remember: true });
  }

  /** @throws SessionNotFound when no session has this id: update never creates one. */
  override async update(session: Session): Promise<void> {
    await this.withStoredSession(session.id, (path) => writeFileAtomic(path, serializeSessionRecord(session.toRecord())));
  }

  /**
   * The token's claims stay: they hold only a session id, and claim numbers are never reused. A claim
   * naming a missing session leaves its token free (see claimToken).
   * @throws SessionNotFound when no session has this id.
   */
  override async delete(id: string): Promise<void> {
    await this.withStoredSession(id, (path) => removeFile(path));
    // An erased session's data must not outlive it, even in memory.
    this.recent.delete(id);
  }

  override async *createdBefore(cutoff: Date): AsyncIterable<Session> {
    for (const name of await listFiles(pathInside(this.root, 'sessions'))) {
      // A damaged record (it holds no image) is skipped, so it cannot stall the sweep of the others.
      // Not remembered: a sweep through every session would push the ones being polled out of memory.
      const session = await this.read(name.replace(/\.json$/, ''), { remember: false }).catch(() => null);
      if (session && session.createdAt < cutoff) yield session;
    }
  }

  private async read(id: string, { remember }: { remember: boolean }): Promise<Session | null> {
    // Ids come from URLs: a malformed one names no session, and never a path.
    if (!isSessionId(id)) return null;
    const path = this.sessionPath(id);
    const stamp = await fileStampOrNull(path);
    if (stamp === null) {
      this.recent.delete(id);
      return null;
    }
    const cached = this.recent.get(id, stamp);
    if (cached) return cached;
    const bytes = await readRecordOrNull(path);
    if (bytes === null) return null;
    const session = parseStoredSession(bytes, id);
    if (remember) this.recent.set(id, stamp, session);
    return session;
  }

  /** Runs `change` on the session's file, queued behind other changes of it, once sure the file exists. */
  private async withStoredSession(id: string, change: (path: string) => Promise<void>): Promise<void> {
    if (!isSessionId(id)) throw new SessionNotFound(id);
    const path = this.sessionPath(id);
    await this.sessionLocks.run(id, async () => {
      if ((await fileStampOrNull(path)) === null) throw new SessionNotFound(id);
      await change(path);
    });
  }

  private async claimToken(session: Session, now: Date): Promise<Session> {
    let stored = false;
    for (;;) {
      const claim = await this.currentClaim(session.clientRequestToken);
      const holder = claim && (await this.findById(claim.sessionId));
      if (holder && !holder.isExpiredAt(now)) {
        if (stored) await this.discard(session.id);
        return holder;
      }
      // Store the session before claiming, so a claim never points at a file still being written.
      if (!stored) {
        await this.storeNew(session);
        stored = true;
      }
      const next = { generation: (claim?.generation ?? -1) + 1, sessionId: session.id };
      if (await createFileExclusive(this.claimPath(session.clientRequestToken, next.generation), serializeTokenClaim(next.sessionId))) {
        return session;
      }
      // Another process took claim `next` first: read it and decide again.
    }
  }

  private async currentClaim(token: string): Promise<TokenClaim | null> {
    const generations = (await listFiles(this.claimDir(token)))
      .map((name) => CLAIM_FILE.exec(name)?.[1])
      .filter((digits): digits is string => digits !== undefined)
      .map(Number);
    if (generations.length === 0) return null;
    const generation = Math.max(...generations);
    const bytes = await readRecordOrNull(this.claimPath(token, generation));
    if (bytes === null) throw new ServiceUnavailable(`storage is damaged: a claim of token ${token} cannot be read`);
    return { generation, sessionId: parseTokenClaim(bytes, token) };
  }

  private async storeNew(session: Session): Promise<void> {
    const created = await createFileExclusive(this.sessionPath(session.id), serializeSessionRecord(session.toRecord()));
    if (!created) throw new Error(`Session ${session.id} is already stored; a new session needs a new id.`);
  }

  /** Removes a session that lost its token race; nothing refers to it, so failing here is harmless. */
  private async discard(id: string): Promise<void> {
    await removeFile(this.sessionPath(id)).catch(() => undefined);
  }

  private sessionPath(id: string): string {
    return pathInside(this.root, 'sessions', `${id}.json`);
  }

  private claimDir(token: string): string {
    return pathInside(this.root, 'tokens', token);
  }

  private claimPath(token: string, generation: number): string {
    return join(this.claimDir(token), `${generation}.json`);
  }
}
