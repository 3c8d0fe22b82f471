import type { Session } from '../session.js';

export abstract class SessionRepository {
  /**
   * Stores `session` unless another session holding the same clientRequestToken is still unexpired
   * at `now`; returns whichever session holds the token afterwards. Atomic per token: of two
   * concurrent calls with one token, both get the same session back.
   */
  abstract createUnlessTokenHeld(session: Session, now: Date): Promise<Session>;

  abstract findById(id: string): Promise<Session | null>;

  /** Replaces a stored session's record (status and results move on). */
  abstract update(session: Session): Promise<void>;

  /**
   * Removes a stored session's record for good. Its clientRequestToken is free afterwards: a create
   * with that token stores the newcomer. Images are the caller's to delete (ImageStore).
   * @throws SessionNotFound when no session has this id.
   */
  abstract delete(id: string): Promise<void>;

  /**
   * Every stored session created before `cutoff`, for the retention sweep. The caller may delete
   * each one as it comes; sessions created or deleted meanwhile may or may not be listed.
   */
  abstract createdBefore(cutoff: Date): AsyncIterable<Session>;
}
