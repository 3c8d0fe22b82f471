import { CaptureTokenInvalid, ChallengeFinished, LivenessUnavailable, SessionNotFound } from '../domain/domain.errors.js';
import type { Image } from '../domain/image.js';
import type { ChallengeOptions } from '../domain/liveness/challenge-options.js';
import { LivenessCheck, type FrameAnswer, type FrameRole } from '../domain/liveness/liveness-check.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { FaceComparer } from '../domain/ports/face-comparer.port.js';
import type { FrameAnalyzer, FrameEvidence } from '../domain/ports/frame-analyzer.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { RandomSource } from '../domain/ports/random-source.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import type { Session } from '../domain/session.js';
import type { CaptureTokens } from './capture-tokens.js';
import { discardPictures } from './erase-session.js';
import { PerKeyQueue } from './per-key-queue.js';
import { compareWithReference } from './reference-comparison.js';

export interface SubmitFrameCommand {
  readonly sessionId: string;
  readonly captureToken: string;
  readonly frame: Image;
  /**
   * The frame's X-Light-Time: its capture time in ms from the first flash's start, on the page's
   * clock. Required during the light step (NaN for a header that is not a number), ignored otherwise.
   */
  readonly lightTimeMs?: number | null;
}

export interface SubmitFrameResult extends FrameAnswer {
  /** Where the page sends the user, once the challenge is over; null before, or when none was given. */
  readonly returnUrl: string | null;
}

export interface LivenessSettings {
  readonly challenge: Partial<ChallengeOptions>;
  /** Audit frames kept per succeeded session, 0–4. */
  readonly auditImages: number;
}

/**
 * One frame of a session's liveness capture: checks the capture token, judges the frame (face
 * models in the worker pool), moves the challenge on, keeps the live reference and audit
 * pictures, and decides once the challenge is over. Answers what the page shows next.
 */
export class SubmitFrameUseCase {
  private readonly queue = new PerKeyQueue();

  constructor(
    private readonly ports: {
      readonly sessions: SessionRepository;
      readonly images: ImageStore;
      /** Null where the face provider runs no embedded models (rekognition). */
      readonly analyzer: FrameAnalyzer | null;
      readonly comparer: FaceComparer;
      readonly clock: Clock;
      readonly random: RandomSource;
    },
    private readonly tokens: CaptureTokens,
    private readonly settings: LivenessSettings,
  ) {}

  /**
   * @throws CaptureTokenInvalid, CaptureTokenForOtherSession, SessionNotFound, ChallengeFinished,
   * TooManyFrames, LivenessUnavailable; InvalidImage, ImageTooLarge for a bad frame.
   */
  async execute(command: SubmitFrameCommand): Promise<SubmitFrameResult> {
    // The frame's time is when it arrived, not when its turn in the session's queue came.
    const at = this.ports.clock.now();
    this.tokens.verify(command.captureToken, command.sessionId);
    const analyzer = this.ports.analyzer;
    if (!analyzer) throw new LivenessUnavailable();
    return this.queue.run(command.sessionId, () => this.submit(command, at, analyzer));
  }

  private async submit({ sessionId, frame, lightTimeMs = null }: SubmitFrameCommand, at: Date, analyzer: FrameAnalyzer): Promise<SubmitFrameResult> {
    const session = await this.ports.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    if (session.isFinished) throw new ChallengeFinished();
    if (!session.captureOpenAt(at)) throw new CaptureTokenInvalid('expired');

    const check = session.liveness
      ? LivenessCheck.fromRecord(session.liveness, this.ports.random)
      : LivenessCheck.start(this.ports.random, { ...this.settings.challenge, light: session.challenge === 'movementAndLight' });
    check.assertAccepts(at.getTime(), lightTimeMs);
    const evidence = await analyzer.analyze(frame, { describe: check.wantsDescriptor(at.getTime()) });
    const { role, ...answer } = check.observe(evidence, at.getTime(), lightTimeMs);

    let updated = await this.keepPicture(session.withLiveness(check.toRecord()), role, frame, evidence);
    if (check.isFinished) updated = await this.decide(updated, check, analyzer);
    await this.ports.sessions.update(updated);
    return { ...answer, returnUrl: check.isFinished ? session.returnUrl : null };
  }

  /** Stores the frame as the live reference or an audit picture, metadata stripped, when its role says so. */
  private async keepPicture(session: Session, role: FrameRole, frame: Image, evidence: FrameEvidence): Promise<Session> {
    const face = evidence.analysis.faces[0];
    if (!role || !face) return session;
    if (role === 'audit' && session.auditImages.length >= this.settings.auditImages) return session;
    const picture = frame.withoutMetadata('frame');
    const name = role === 'reference' ? 'live-reference' : `audit-${session.auditImages.length}`;
    const stored = { key: `sessions/${session.id}/${name}.${picture.format}`, boundingBox: face.boundingBox };
    await this.ports.images.put(stored.key, picture.bytes);
    return role === 'reference' ? session.withLiveReference(stored) : session.withAuditImage(stored);
  }

  private async decide(session: Session, check: LivenessCheck, analyzer: FrameAnalyzer): Promise<Session> {
    const outcome = check.outcome((distance) => analyzer.similarity(distance));
    if (!outcome) return session;
    if (outcome.status === 'failed') {
      await discardPictures(this.ports.images, [session.liveReference, ...session.auditImages]);
      return session.finish(outcome, null).withoutLiveImages();
    }
    return session.finish(outcome, await this.compareWithReference(session));
  }

  /** The similarity of the session's reference image with the live face; null without either. */
  private async compareWithReference(session: Session): Promise<number | null> {
    return session.liveReference ? compareWithReference(session.referenceImageKey, session.liveReference.key, this.ports) : null;
  }
}
