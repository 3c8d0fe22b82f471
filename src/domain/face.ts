/** A face's box as fractions of the image's width and height, as Rekognition reports it. */
export interface BoundingBox {
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
}

export interface DetectedFace {
  readonly boundingBox: BoundingBox;
  /** Detector confidence in [0, 1]. */
  readonly confidence: number;
}

export interface ScoredFace extends DetectedFace {
  /** Similarity in [0, 1] with the source face. */
  readonly similarity: number;
}

/** What a face engine reports: the largest face of the source and every face of the target, scored against it. */
export interface FaceComparison {
  readonly sourceFace: DetectedFace;
  readonly targetFaces: readonly ScoredFace[];
}
