import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { IsBase64Image } from '../base64-image.js';

export class CreateSessionDto {
  @ApiProperty({
    description: 'Idempotency key chosen by the caller: a retry with the same token and body returns the same session while it lives.',
    pattern: '^[A-Za-z0-9_-]{1,64}$',
    example: 'signup-7f3a2c',
  })
  @Matches(/^[A-Za-z0-9_-]{1,64}$/, { message: 'clientRequestToken must be 1 to 64 characters of A-Z, a-z, 0-9, _ and -' })
  @IsString()
  clientRequestToken!: string;

  @ApiPropertyOptional({ description: 'Photo (base64 JPEG or PNG) that the live face will be compared with.' })
  @IsOptional()
  @IsBase64Image()
  referenceImage?: string;

  @ApiPropertyOptional({
    description: 'Where the capture page sends the user when done; its origin must be listed in RETURN_URL_ORIGINS.',
    example: 'https://app.example/signup/done',
  })
  @IsOptional()
  @MaxLength(2048)
  @IsString()
  returnUrl?: string;
}
