import { join, resolve } from 'node:path';
import { ServiceUnavailable, SessionNotFound } from '../../domain/domain.errors.js';
import { SessionRepository } from '../../domain/ports/session-repository.port.js';
import { Session } from '../../domain/session.js';
import { createFileExclusive, listFiles, readFileOrNull, removeFile, writeFileAtomic } from './atomic-file.js';
import { isClientRequestToken, isSessionId, pathInside } from './fs-paths.js';
import { KeyedMutex } from './keyed-mutex.js';
import { parseSessionRecord, serializeSessionRecord } from './session-record-json.js';

/** One claim of a token: generation `n` lives in `tokens/<token>/<n>.json`. */
interface TokenClaim {
  readonly generation: number;
  readonly sessionId: string;
}

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

  constructor(dataDir: string) {
    super();
    this.root = resolve(dataDir);
  }

  override async createUnlessTokenHeld(session: Session, now: Date): Promise<Session> {
    this.assertStorable(session);
    return this.tokenLocks.run(session.clientRequestToken, () => this.claimToken(session, now));
  }

  override async findById(id: string): Promise<Session | null> {
    // Ids come from URLs: a malformed one names no session, and never a path.
    if (!isSessionId(id)) return null;
    const bytes = await readFileOrNull(this.sessionPath(id));
    if (bytes === null) return null;
    const record = parseSessionRecord(bytes.toString('utf8'));
    if (record === null || record.id !== id) {
      throw new ServiceUnavailable(`storage is damaged: session ${id} cannot be read`);
    }
    return Session.fromRecord(record);
  }

  /** @throws SessionNotFound when no session has this id: update never creates one. */
  override async update(session: Session): Promise<void> {
    if (!isSessionId(session.id)) throw new SessionNotFound(session.id);
    const path = this.sessionPath(session.id);
    await this.sessionLocks.run(session.id, async () => {
      if ((await readFileOrNull(path)) === null) throw new SessionNotFound(session.id);
      await writeFileAtomic(path, serializeSessionRecord(session.toRecord()));
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
      if (await createFileExclusive(this.claimPath(session.clientRequestToken, next.generation), claimJson(next))) {
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
    const bytes = await readFileOrNull(this.claimPath(token, generation));
    const sessionId = bytes && parseClaimedSessionId(bytes.toString('utf8'));
    if (!sessionId) throw new ServiceUnavailable(`storage is damaged: a claim of token ${token} cannot be read`);
    return { generation, sessionId };
  }

  private async storeNew(session: Session): Promise<void> {
    const created = await createFileExclusive(this.sessionPath(session.id), serializeSessionRecord(session.toRecord()));
    if (!created) throw new Error(`Session ${session.id} is already stored; a new session needs a new id.`);
  }

  /** Removes a session that lost its token race; nothing refers to it, so failing here is harmless. */
  private async discard(id: string): Promise<void> {
    await removeFile(this.sessionPath(id)).catch(() => undefined);
  }

  private assertStorable(session: Session): void {
    if (!isSessionId(session.id)) throw new Error(`Session id ${JSON.stringify(session.id)} is not a UUID.`);
    if (!isClientRequestToken(session.clientRequestToken)) {
      throw new Error(`clientRequestToken ${JSON.stringify(session.clientRequestToken)} is not 1-64 of [A-Za-z0-9_-].`);
    }
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

function claimJson(claim: TokenClaim): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify({ sessionId: claim.sessionId })}\n`);
}

function parseClaimedSessionId(text: string): string | null {
  try {
    const sessionId: unknown = (JSON.parse(text) as { sessionId?: unknown } | null)?.sessionId;
    return typeof sessionId === 'string' && isSessionId(sessionId) ? sessionId : null;
  } catch {
    return null;
  }
}
