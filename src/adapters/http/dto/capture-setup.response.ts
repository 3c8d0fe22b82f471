import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { CaptureSetup } from '../../../application/get-capture-setup.use-case.js';

/** What the capture page runs: the embedded challenge, or Amplify's FaceLivenessDetector (Rekognition). */
export class CaptureSetupResponse {
  @ApiProperty({ enum: ['embedded', 'rekognition'], description: 'The liveness check the page hosts (FACE_PROVIDER).' })
  provider!: 'embedded' | 'rekognition';
  @ApiPropertyOptional({ description: 'rekognition only: the Face Liveness session the detector streams to.', example: 'a1b2c3d4-0000-4000-8000-0123456789ab' })
  livenessSessionId?: string;
  @ApiPropertyOptional({ description: 'rekognition only: the AWS region of the session and the identity pool.', example: 'eu-west-1' })
  region?: string;
  @ApiPropertyOptional({
    description: 'rekognition only: the Cognito identity pool whose unauthenticated identities may start the session, nothing else.',
    example: 'eu-west-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90',
  })
  identityPoolId?: string;
  @ApiProperty({ type: String, nullable: true, description: 'Where to send the user when done; null when the session was created without one.', example: null })
  returnUrl!: string | null;

  static from(setup: CaptureSetup): CaptureSetupResponse {
    return setup.provider === 'embedded'
      ? { provider: 'embedded', returnUrl: setup.returnUrl }
      : { provider: 'rekognition', livenessSessionId: setup.livenessSessionId, region: setup.region, identityPoolId: setup.identityPoolId, returnUrl: setup.returnUrl };
  }
}
