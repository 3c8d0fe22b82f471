import { ApiProperty } from '@nestjs/swagger';
import type { SessionView } from '../../../application/session-view.js';

const STATUSES = ['created', 'processing', 'succeeded', 'failed', 'expired'];

export class SessionResponse {
  @ApiProperty({ example: 'signup-7f3a2c' }) clientRequestToken!: string;
  @ApiProperty({ enum: STATUSES, description: 'An unfinished session past expiresAt reads expired.' }) status!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Similarity of the live face with referenceImage, in [0, 1]; null until known.', example: null })
  comparisonResult!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Liveness confidence in [0, 1]; null until known.', example: null })
  confidence!: number | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;

  static from(view: SessionView): SessionResponse {
    return {
      clientRequestToken: view.clientRequestToken,
      status: view.status,
      comparisonResult: view.comparisonResult,
      confidence: view.confidence,
      createdAt: view.createdAt.toISOString(),
      expiresAt: view.expiresAt.toISOString(),
    };
  }
}

export class CreatedSessionResponse {
  @ApiProperty({ format: 'uuid', example: '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90' }) SessionId!: string;
  @ApiProperty({ enum: STATUSES, example: 'created' }) status!: string;
  @ApiProperty({ format: 'date-time' }) expiresAt!: string;
}
