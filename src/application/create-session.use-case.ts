import { createHash, randomUUID } from 'node:crypto';
import { IdempotencyConflict, ReturnUrlNotAllowed } from '../domain/domain.errors.js';
import type { Image } from '../domain/image.js';
import type { ChallengeKind } from '../domain/liveness/challenge-options.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { Session } from '../domain/session.js';
import type { CaptureTokens } from './capture-tokens.js';
import type { ProviderLiveness } from './provider-liveness.js';
import { toSessionView, type SessionView } from './session-view.js';

export interface CreateSessionCommand {
  readonly clientRequestToken: string;
  readonly referenceImage?: Image;
  /** Where the capture page sends the user when done; its origin must be allowed. */
  readonly returnUrl?: string;
}

export interface CreatedSession extends SessionView {
  readonly sessionId: string;
  /** Lets its holder take part in this session's capture and nothing else (see CaptureTokens). */
  readonly captureToken: string;
}

export interface CaptureSettings {
  readonly tokens: CaptureTokens;
  readonly lifetimeSeconds: number;
  /** Origins a returnUrl may point to. */
  readonly returnUrlOrigins: readonly string[];
  /** The challenge new sessions run (LIVENESS_CHALLENGE); movement when not given. */
  readonly challenge?: ChallengeKind;
}

/** Digest of what makes two creations "the same request", so a retry can be told from a conflict. */
function fingerprint(command: CreateSessionCommand): string {
  const hash = createHash('sha256').update(command.clientRequestToken).update('\0');
  if (command.referenceImage) hash.update(command.referenceImage.bytes);
  hash.update('\0').update(command.returnUrl ?? '');
  return hash.digest('hex');
}

export class CreateSessionUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
    private readonly clock: Clock,
    private readonly lifetimeSeconds: number,
    private readonly capture: CaptureSettings,
    /** Where a provider runs the liveness check (Rekognition); null for the embedded check. */
    private readonly providerLiveness: ProviderLiveness | null = null,
  ) {}

  /**
   * Creates a session, or returns the unexpired one that already holds the clientRequestToken; with
   * a liveness provider, its provider session is opened and kept with it.
   * @throws IdempotencyConflict when that token was used with a different body; InvalidImage for a
   * broken referenceImage; ReturnUrlNotAllowed; ProviderThrottled, ProviderFailed.
   */
  async execute(command: CreateSessionCommand): Promise<CreatedSession> {
    const returnUrl = command.returnUrl ?? null;
    if (returnUrl !== null && !this.isAllowedReturnUrl(returnUrl)) throw new ReturnUrlNotAllowed();
    const now = this.clock.now();
    const id = randomUUID();
    // Biometric data hygiene: what is stored carries no EXIF (GPS!) or other metadata.
    const reference = command.referenceImage?.withoutMetadata('referenceImage');
    const referenceImageKey = reference ? `sessions/${id}/reference.${reference.format}` : null;
    const candidate = Session.create({
      id,
      clientRequestToken: command.clientRequestToken,
      requestFingerprint: fingerprint(command),
      referenceImageKey,
      createdAt: now,
      lifetimeSeconds: this.lifetimeSeconds,
      capture: { lifetimeSeconds: this.capture.lifetimeSeconds, returnUrl, challenge: this.capture.challenge ?? 'movement' },
    });
    // The image goes first so a stored session never points at a missing image.
    if (reference && referenceImageKey) await this.images.put(referenceImageKey, reference.bytes);

    const holder = await this.sessions.createUnlessTokenHeld(candidate, now);
    if (holder.id !== candidate.id) {
      if (referenceImageKey) await this.images.delete(referenceImageKey);
      if (holder.requestFingerprint !== candidate.requestFingerprint) throw new IdempotencyConflict();
    }
    // After storing: the provider session is named after ours, and a retry completes a failed open.
    if (this.providerLiveness) await this.providerLiveness.open(holder);
    return { sessionId: holder.id, captureToken: this.capture.tokens.issue(holder.id), ...toSessionView(holder, now) };
  }

  private isAllowedReturnUrl(url: string): boolean {
    return URL.canParse(url) && /^https?:$/.test(new URL(url).protocol) && this.capture.returnUrlOrigins.includes(new URL(url).origin);
  }
}
