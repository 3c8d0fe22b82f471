import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** The one error shape of every route. */
export class ErrorResponse {
  @ApiProperty({ example: 422 }) statusCode!: number;
  @ApiProperty({ example: 'Unprocessable Entity' }) error!: string;
  @ApiProperty({ example: 'No face was found in target.' }) message!: string;
  @ApiPropertyOptional({ description: 'Stable machine-readable code of a domain error.', example: 'NO_FACE_FOUND' }) code?: string;
  @ApiPropertyOptional({ description: 'Echoes the X-Request-Id response header.', example: '5c1d0f3e-...' }) requestId?: string;
}
