import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class FrameAnswerResponse {
  @ApiProperty({
    enum: ['center_face', 'turn_left', 'turn_right', 'look_up', 'blink', 'done'],
    description: 'What the page asks for next; turns are in the user\'s own terms (their left). `done` says nothing of the verdict.',
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
  @ApiPropertyOptional({ description: 'With `done`: where to send the user, when the session was created with a returnUrl.' })
  returnUrl?: string;
}
