import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class LightFlashResponse {
  @ApiProperty({ description: 'The colour to fill the screen with, CSS hex.', example: '#ff0000' }) colour!: string;
  @ApiProperty({ example: 350 }) durationMs!: number;
}

export class LightCueResponse {
  @ApiProperty({ type: LightFlashResponse, isArray: true, description: 'Shown back to back, in order.' }) flashes!: LightFlashResponse[];
  @ApiProperty({ description: 'The neutral screen shown before the first flash and after the last.', example: 500 }) neutralMs!: number;
}

export class FrameAnswerResponse {
  @ApiProperty({
    enum: ['center_face', 'turn_left', 'turn_right', 'look_up', 'blink', 'light', 'done'],
    description:
      'What the page asks for next; turns are in the user\'s own terms (their left). `light`: show the light sequence (`light`). `done` says nothing of the verdict.',
  })
  instruction!: string;
  @ApiProperty({ description: 'Fraction of the steps verified, in [0, 1].', example: 0.33 }) progress!: number;
  @ApiProperty({
    type: String,
    nullable: true,
    enum: ['no_face', 'multiple_faces', 'move_closer', 'off_centre', 'too_dark', 'too_blurry'],
    description: 'Why this frame did not count, for the page to say; null when it did.',
  })
  hint!: string | null;
  @ApiPropertyOptional({
    type: LightCueResponse,
    description: 'With `light`, on every answer of the light step: the sequence, drawn for this session once the movement steps are done.',
  })
  light?: LightCueResponse;
  @ApiPropertyOptional({ description: 'With `done`: where to send the user, when the session was created with a returnUrl.' })
  returnUrl?: string;
}
