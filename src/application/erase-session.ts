import type { ImageStore } from '../domain/ports/image-store.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import type { Session } from '../domain/session.js';

/**
 * Removes a session's images, then its record. The images go first: if the record's removal then
 * fails, a retry still finds the session and finishes, whereas a record removed first would leave an
 * image nothing points at any more.
 * @throws SessionNotFound when the record is already gone.
 */
export async function eraseSession(session: Session, sessions: SessionRepository, images: ImageStore): Promise<void> {
  const keys = [session.referenceImageKey, session.liveReference?.key, ...session.auditImages.map((face) => face.key)];
  for (const key of keys) if (key) await images.delete(key);
  await sessions.delete(session.id);
}

/**
 * Deletes the pictures of a failed liveness check (the absent ones are null): nothing of a failed
 * check is shown, so nothing of it is kept.
 */
export async function discardPictures(images: ImageStore, pictures: readonly ({ readonly key: string } | null)[]): Promise<void> {
  await Promise.all(pictures.flatMap((picture) => (picture ? [images.delete(picture.key)] : [])));
}
