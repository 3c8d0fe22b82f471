import { ApiProperty } from '@nestjs/swagger';
import type { CompareFacesResult } from '../../../application/compare-faces.use-case.js';

export class BoundingBoxResponse {
  @ApiProperty({ description: 'Left edge as a fraction of the image width.', example: 0.31 }) left!: number;
  @ApiProperty({ description: 'Top edge as a fraction of the image height.', example: 0.18 }) top!: number;
  @ApiProperty({ example: 0.27 }) width!: number;
  @ApiProperty({ example: 0.36 }) height!: number;
}

class FaceResponse {
  @ApiProperty({ type: BoundingBoxResponse }) boundingBox!: BoundingBoxResponse;
  @ApiProperty({ description: 'Detector confidence in [0, 1].', example: 0.93 }) confidence!: number;
}

class ScoredFaceResponse extends FaceResponse {
  @ApiProperty({ description: 'Similarity with the source face in [0, 1].', example: 0.82 }) similarity!: number;
}

export class CompareFacesResponse {
  @ApiProperty({ description: 'Best similarity of the source face with any target face, in [0, 1].', example: 0.82 })
  comparisonResult!: number;
  @ApiProperty({ description: 'comparisonResult >= threshold.', example: true }) match!: boolean;
  @ApiProperty({ description: 'The engine\'s match threshold (see the README for how it was chosen).', example: 0.5 }) threshold!: number;
  @ApiProperty({ type: FaceResponse, description: 'The largest face of source, the one compared.' }) sourceFace!: FaceResponse;
  @ApiProperty({ type: [ScoredFaceResponse], description: 'Target faces at or above the threshold, most similar first.' })
  faceMatches!: ScoredFaceResponse[];
  @ApiProperty({ type: [ScoredFaceResponse], description: 'Target faces below the threshold, most similar first.' })
  unmatchedFaces!: ScoredFaceResponse[];

  static from(result: CompareFacesResult): CompareFacesResponse {
    return {
      comparisonResult: result.comparisonResult,
      match: result.match,
      threshold: result.threshold,
      sourceFace: result.sourceFace,
      faceMatches: [...result.faceMatches],
      unmatchedFaces: [...result.unmatchedFaces],
    };
  }
}
