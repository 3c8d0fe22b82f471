import { SetMetadata } from '@nestjs/common';

export const IS_UNMETERED = 'facecheck:isUnmetered';

/**
 * Marks a route that needs the token but does not count against the monthly quota: a metrics
 * scraper calling every 15 s would otherwise spend 175,000 calls a month of it.
 */
export const Unmetered = () => SetMetadata(IS_UNMETERED, true);
