import type { Hint, Instruction } from './challenge-answer.js';

/** One instruction at a time, in plain words. Left and right are the user's own. */
export const INSTRUCTION_TEXT: Readonly<Record<Instruction, string>> = {
  center_face: 'Look straight at the camera',
  turn_left: 'Turn your head to your left',
  turn_right: 'Turn your head to your right',
  look_up: 'Look up',
  blink: 'Blink',
  light: 'Hold still',
  done: 'Done — thank you',
};

export const HINT_TEXT: Readonly<Record<Hint, string>> = {
  no_face: "We can't see a face",
  multiple_faces: 'Only one person, please',
  move_closer: 'Move closer',
  off_centre: 'Centre your face in the oval',
  too_dark: "It's too dark — find more light",
  too_blurry: 'Hold still',
};

/**
 * Everything else the page can say. None of it tells whether the check passed: the page must not
 * coach someone trying to fool it, and the server does not tell it anyway.
 */
export const MESSAGES = {
  startingCamera: 'Starting the camera…',
  reconnecting: 'One moment — trying again…',
  incompleteLink: 'This link is incomplete. Open the full link you were given.',
  insecureContext: 'The camera only works over a secure connection. Open this link with https://.',
  cameraDenied: 'Camera access was denied. Allow the camera for this page and reload.',
  noCamera: 'No camera was found. Connect a camera, or open this link on your phone.',
  cameraBusy: 'The camera could not start. Close other apps that use it and reload.',
  cameraFailed: 'The camera could not start. Reload the page to try again.',
  cameraStopped: 'The camera stopped. Reload the page to try again.',
  linkExpired: 'This link has expired. Ask for a new one.',
  linkInvalid: 'This link is not valid. Ask for a new one.',
  sessionNotFound: 'This check does not exist any more. Ask for a new link.',
  checkUnavailable: 'Face checks are not available here. Tell whoever sent you the link.',
  tooManyFrames: 'This check took too long and has ended. Ask for a new link.',
  serviceBusy: 'The service is busy. Please try again later.',
  unusablePicture: 'The camera picture could not be used. Reload the page to try again.',
  offline: "We can't reach the service. Check your connection and reload the page.",
  unexpected: 'Something went wrong. Reload the page to try again.',
  holdUpright: 'Hold your phone upright, then reload the page.',
  checkIncomplete: 'The check could not be completed. Ask for a new link to try again.',
  cancelled: 'The check was cancelled. Reload the page to start again.',
  lightNotice: 'The screen will show a few colours. Keep your face in the oval.',
  lightWarning: 'If flashing lights affect you, stop here.',
} as const;

/**
 * What the capture routes' refusals of a link mean to the user, by status: the frames route and
 * the capture route check the capture token and the session alike.
 */
export const LINK_REFUSALS: Readonly<Record<number, string>> = {
  400: MESSAGES.linkInvalid,
  401: MESSAGES.linkExpired,
  403: MESSAGES.linkInvalid,
  404: MESSAGES.sessionNotFound,
};
