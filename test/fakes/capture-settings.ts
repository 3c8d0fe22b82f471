import { CaptureTokens } from '../../src/application/capture-tokens.js';
import type { CaptureSettings } from '../../src/application/create-session.use-case.js';

/** Capture settings for use-case tests: a fixed key, a 5-minute link, one allowed return origin. */
export const TEST_CAPTURE: CaptureSettings = {
  tokens: new CaptureTokens('test-capture-secret-0123456789abcdefghij'),
  lifetimeSeconds: 300,
  returnUrlOrigins: ['https://app.example'],
};
