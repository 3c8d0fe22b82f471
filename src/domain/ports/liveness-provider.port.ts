import type { BoundingBox } from '../face.js';

/** A picture the provider kept, already in the ImageStore under `key` (an `isImageKey` key), with its face's box. */
export interface ProviderFace {
  readonly key: string;
  readonly boundingBox: BoundingBox;
}

/** Where a provider's liveness session stands. */
export type ProviderLivenessStatus = 'created' | 'processing' | 'succeeded' | 'failed' | 'expired';

export interface LivenessResults {
  readonly status: ProviderLivenessStatus;
  /** How sure the provider is that a live person was in front of the camera, in [0, 1]; null until it knows. */
  readonly confidence: number | null;
  /** The picture to compare with the session's referenceImage; null when the provider kept none. */
  readonly referenceImage: ProviderFace | null;
  readonly auditImages: readonly ProviderFace[];
}

/** A liveness check run by a provider with its own capture client (Amazon Rekognition Face Liveness). */
export abstract class LivenessProvider {
  /**
   * Opens the provider's session for ours; calling it again for the same session and token returns
   * the same provider session. Returns the provider's session id, which its capture client needs.
   * @throws ProviderThrottled, ProviderFailed
   */
  abstract open(request: { readonly sessionId: string; readonly clientRequestToken: string }): Promise<string>;

  /**
   * Where the provider's session stands. A session the provider no longer knows is `expired`.
   * @throws ProviderThrottled, ProviderFailed
   */
  abstract results(providerSessionId: string): Promise<LivenessResults>;
}
