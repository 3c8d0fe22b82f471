import { SessionNotFound } from '../domain/domain.errors.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import { eraseSession } from './erase-session.js';

const HOUR_MS = 3_600_000;

export interface PurgedData {
  readonly sessions: number;
  readonly images: number;
}

/** Biometric data is kept no longer than the retention period: sessions, their images, and any other image. */
export class PurgeExpiredDataUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly images: ImageStore,
    private readonly clock: Clock,
    private readonly retentionHours: number,
  ) {}

  async execute(): Promise<PurgedData> {
    const cutoff = new Date(this.clock.now().getTime() - this.retentionHours * HOUR_MS);
    let sessions = 0;
    for await (const session of this.sessions.createdBefore(cutoff)) {
      try {
        await eraseSession(session, this.sessions, this.images);
        sessions++;
      } catch (error) {
        // Deleted meanwhile (DELETE /session, another instance's sweep): already done.
        if (!(error instanceof SessionNotFound)) throw error;
      }
    }
    // Images outside sessions (kept compare images, leftovers of a crash between image and record).
    const images = await this.images.deleteStoredBefore(cutoff);
    return { sessions, images };
  }
}
