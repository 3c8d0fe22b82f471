import { ApiProperty } from '@nestjs/swagger';
import { IsString } from 'class-validator';
import { IsBase64Image } from '../base64-image.js';

export class CompareFacesDto {
  @ApiProperty({ description: 'Photo with the face to look for (its largest face is used): base64 JPEG or PNG, at most MAX_IMAGE_BYTES decoded.', example: '/9j/4AAQSkZJRgABAQ...' })
  @IsBase64Image()
  @IsString()
  source!: string;

  @ApiProperty({ description: 'Photo to search for that face (every face in it is compared): base64 JPEG or PNG.', example: 'iVBORw0KGgoAAAANSUhEUg...' })
  @IsBase64Image()
  @IsString()
  target!: string;
}
