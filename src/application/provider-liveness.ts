import { SessionNotFound } from '../domain/domain.errors.js';
import type { LivenessOutcome } from '../domain/liveness/liveness-decision.js';
import type { FaceComparer } from '../domain/ports/face-comparer.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { LivenessProvider, LivenessResults } from '../domain/ports/liveness-provider.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import type { Session } from '../domain/session.js';
import { discardPictures } from './erase-session.js';
import { PerKeyQueue } from './per-key-queue.js';
import { compareWithReference } from './reference-comparison.js';

/**
 * The confidence a provider's check needs, unless configured otherwise, for the session to succeed:
 * the decision line the API documents for `confidence`. Rekognition's SUCCEEDED only says the check
 * ran to the end; AWS leaves the threshold on its score to the caller (higher for riskier uses).
 */
export const PROVIDER_DECISION_LINE = 0.5;

export interface ProviderLivenessPorts {
  readonly provider: LivenessProvider;
  readonly sessions: SessionRepository;
  readonly images: ImageStore;
  readonly comparer: FaceComparer;
}

/**
 * Ties our sessions to a LivenessProvider's (Rekognition Face Liveness): opens the provider's
 * session for one of ours, and brings its outcome into ours once the provider has one.
 */
export class ProviderLiveness {
  private readonly queue = new PerKeyQueue();

  constructor(
    private readonly ports: ProviderLivenessPorts,
    /** The confidence a check needs to succeed (REKOGNITION_LIVENESS_THRESHOLD). */
    private readonly decisionLine = PROVIDER_DECISION_LINE,
  ) {}

  /**
   * The id of the session's provider session, which is opened and stored with it if it had none. The
   * provider answers a repeated open for one session with the same session, so a retry that finds
   * the first attempt half done (stored, not opened) completes it.
   * @throws ProviderThrottled, ProviderFailed
   */
  async open(session: Session): Promise<string> {
    if (session.providerSessionId !== null) return session.providerSessionId;
    const providerSessionId = await this.ports.provider.open({ sessionId: session.id, clientRequestToken: session.clientRequestToken });
    await this.ports.sessions.update(session.withProviderSession(providerSessionId));
    return providerSessionId;
  }

  /**
   * The session as it stands at `now`, its provider asked while the check is undecided. A decided or
   * expired check is stored, so later reads no longer ask; a capture under way shows as processing.
   * @throws ProviderThrottled, ProviderFailed; SessionNotFound when it is deleted meanwhile.
   */
  async refresh(session: Session, now: Date): Promise<Session> {
    if (pendingCheck(session, now) === null) return session;
    // One read of a session at a time in this process; the next one finds what this one stored.
    return this.queue.run(session.id, () => this.ask(session.id, now));
  }

  private async ask(sessionId: string, now: Date): Promise<Session> {
    const session = await this.ports.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    const providerSessionId = pendingCheck(session, now);
    if (providerSessionId === null) return session;
    const results = await this.ports.provider.results(providerSessionId);
    switch (results.status) {
      case 'created':
        return session;
      // Shown, not stored: an answer can be overtaken (another instance may store the outcome
      // meanwhile), and only the final ones, which never change, may be written over the record.
      case 'processing':
        return session.started();
      case 'expired':
        return this.store(session.expireAt(now));
      case 'succeeded':
      case 'failed':
        return this.store(await this.decide(session, results));
    }
  }

  /**
   * The provider's verdict as ours. Live takes a succeeded check scoring at least the decision line
   * and a reference image (without one AWS advises running the check again). Its reference image
   * becomes the live face, compared with the session's reference image; its audit images are kept.
   */
  private async decide(session: Session, results: LivenessResults): Promise<Session> {
    const confidence = results.confidence ?? 0;
    const reference = results.referenceImage;
    if (results.status !== 'succeeded' || confidence < this.decisionLine || !reference) {
      await discardPictures(this.ports.images, [reference, ...results.auditImages]);
      return session.finish(outcome('failed', confidence), null);
    }
    const comparisonResult = await compareWithReference(session.referenceImageKey, reference.key, this.ports);
    return results.auditImages.reduce(
      (finished, face) => finished.withAuditImage(face),
      session.finish(outcome('succeeded', confidence), comparisonResult).withLiveReference(reference),
    );
  }

  /**
   * Stores an outcome unless another instance stored one while the provider was asked: the port
   * replaces records whole, so this check keeps a late `expired` (the provider forgets a session
   * minutes after its check) from overwriting a decision.
   */
  private async store(session: Session): Promise<Session> {
    const current = await this.ports.sessions.findById(session.id);
    if (current?.isFinished) return current;
    await this.ports.sessions.update(session);
    return session;
  }
}

/** The provider session of a session whose check is still undecided at `now`, or null. */
function pendingCheck(session: Session, now: Date): string | null {
  return session.isFinished || session.isExpiredAt(now) ? null : session.providerSessionId;
}

/** The provider gives no reasons: none of ours (a move, the light, ...) names why its check failed. */
function outcome(status: LivenessOutcome['status'], confidence: number): LivenessOutcome {
  return { status, confidence, reasons: [] };
}
