import type { ErrorState } from '@aws-amplify/ui-react-liveness';
import { MESSAGES } from '../messages.js';

/** How Amplify's FaceLivenessDetector ended. Whether the face passed is for the caller to ask the server. */
export type RekognitionOutcome =
  | { readonly kind: 'complete' }
  | { readonly kind: 'failed'; readonly state: ErrorState }
  | { readonly kind: 'cancelled' };

/** The detector's error states, in our words. */
const PROBLEM_BY_STATE: Readonly<Record<ErrorState, string>> = {
  CAMERA_ACCESS_ERROR: MESSAGES.cameraDenied,
  DEFAULT_CAMERA_NOT_FOUND_ERROR: MESSAGES.noCamera,
  CAMERA_FRAMERATE_ERROR: MESSAGES.cameraFailed,
  MOBILE_LANDSCAPE_ERROR: MESSAGES.holdUpright,
  // No guest credentials, no face model, a WebSocket that fails or closes: the detector says
  // SERVER_ERROR for any failure of its stream, so all of these read as the network, from here.
  RUNTIME_ERROR: MESSAGES.offline,
  CONNECTION_TIMEOUT: MESSAGES.offline,
  SERVER_ERROR: MESSAGES.offline,
  TIMEOUT: MESSAGES.checkIncomplete,
  FRESHNESS_TIMEOUT: MESSAGES.checkIncomplete,
  FACE_DISTANCE_ERROR: MESSAGES.checkIncomplete,
  MULTIPLE_FACES_ERROR: MESSAGES.checkIncomplete,
};

/** What to tell the user when the check did not complete. */
export function outcomeProblem(outcome: Exclude<RekognitionOutcome, { kind: 'complete' }>): string {
  return outcome.kind === 'cancelled' ? MESSAGES.cancelled : PROBLEM_BY_STATE[outcome.state];
}
