import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC = 'facecheck:isPublic';

/** Marks a route that answers without the API token and outside the rate limits (health checks). */
export const Public = () => SetMetadata(IS_PUBLIC, true);
