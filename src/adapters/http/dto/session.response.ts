import { ApiProperty } from '@nestjs/swagger';
import type { SessionView } from '../../../application/session-view.js';
import type { BoundingBox } from '../../../domain/face.js';
import { BoundingBoxResponse } from './compare-faces.response.js';

const STATUSES = ['created', 'processing', 'succeeded', 'failed', 'expired'];

const REASONS = [
  'wrong_move',
  'too_slow',
  'too_early',
  'low_quality',
  'planar_motion',
  'face_changed',
  'multiple_faces',
  'replayed_frames',
  'light_mismatch',
  'light_too_dim',
];

const CHALLENGES = ['movement', 'movementAndLight'];

export class SessionImageResponse {
  @ApiProperty({ type: BoundingBoxResponse }) boundingBox!: BoundingBox;
  @ApiProperty({ description: 'Path of the JPEG or PNG, served with the API token.', example: '/session/0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90/reference-image' })
  url!: string;
}

export class SessionResponse {
  @ApiProperty({ example: 'signup-7f3a2c' }) clientRequestToken!: string;
  @ApiProperty({ enum: STATUSES, description: 'An unfinished session past expiresAt reads expired.' }) status!: string;
  @ApiProperty({ enum: CHALLENGES, description: 'The liveness challenge the session runs (LIVENESS_CHALLENGE when it was created).' }) challenge!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Similarity of the live face with referenceImage, in [0, 1]; null until known, or without a referenceImage.', example: null })
  comparisonResult!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Liveness confidence in [0, 1], 0.5 the decision line; null until decided.', example: null })
  confidence!: number | null;
  @ApiProperty({ enum: REASONS, isArray: true, description: 'Why the liveness check failed; empty otherwise.' })
  reasons!: string[];
  @ApiProperty({ type: SessionImageResponse, nullable: true, description: 'The live face the check kept, once the session succeeded.' })
  referenceImage!: SessionImageResponse | null;
  @ApiProperty({ type: SessionImageResponse, isArray: true, description: 'Frames of the steps reached (up to AUDIT_IMAGES), once the session succeeded.' })
  auditImages!: SessionImageResponse[];
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;

  static from(sessionId: string, view: SessionView): SessionResponse {
    const base = `/session/${sessionId}`;
    return {
      clientRequestToken: view.clientRequestToken,
      status: view.status,
      challenge: view.challenge,
      comparisonResult: view.comparisonResult,
      confidence: view.confidence,
      reasons: [...view.reasons],
      referenceImage: view.referenceImage && { boundingBox: view.referenceImage.boundingBox, url: `${base}/reference-image` },
      auditImages: view.auditImages.map(({ boundingBox }, index) => ({ boundingBox, url: `${base}/audit-images/${index}` })),
      createdAt: view.createdAt.toISOString(),
      expiresAt: view.expiresAt.toISOString(),
    };
  }
}

export class CreatedSessionResponse {
  @ApiProperty({ format: 'uuid', example: '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90' }) SessionId!: string;
  @ApiProperty({ enum: STATUSES, example: 'created' }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
  @ApiProperty({
    description:
      'The liveness capture page for this session, to open in the user\'s browser. Its fragment carries the capture token: it lets its holder take part in this capture only, for CAPTURE_TOKEN_TTL_SECONDS.',
    example: '/liveness?session=0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90#token=0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90.kQ3…',
  })
  captureUrl!: string;
}
