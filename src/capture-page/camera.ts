import { MESSAGES } from './messages.js';

/** The camera cannot be used; `message` says what the user can do about it. */
export class CameraUnavailable extends Error {}

const CONSTRAINTS: MediaStreamConstraints = {
  video: { facingMode: 'user', width: { ideal: 640 }, height: { ideal: 480 } },
  audio: false,
};

/** getUserMedia's DOMException names, by what the user can do about them. */
const MESSAGE_BY_ERROR: Readonly<Record<string, string>> = {
  NotAllowedError: MESSAGES.cameraDenied,
  SecurityError: MESSAGES.cameraDenied,
  NotFoundError: MESSAGES.noCamera,
  OverconstrainedError: MESSAGES.noCamera,
  NotReadableError: MESSAGES.cameraBusy,
  AbortError: MESSAGES.cameraBusy,
};

/** The front camera, playing in `preview`. */
export async function startCamera(preview: HTMLVideoElement): Promise<MediaStream> {
  // Browsers hide navigator.mediaDevices altogether outside a secure context (https or localhost).
  if (!window.isSecureContext) throw new CameraUnavailable(MESSAGES.insecureContext);
  let stream: MediaStream;
  try {
    stream = await navigator.mediaDevices.getUserMedia(CONSTRAINTS);
  } catch (error) {
    throw new CameraUnavailable((error instanceof Error && MESSAGE_BY_ERROR[error.name]) || MESSAGES.cameraFailed);
  }
  preview.srcObject = stream;
  try {
    await preview.play();
  } catch {
    stopCamera(stream);
    throw new CameraUnavailable(MESSAGES.cameraFailed);
  }
  return stream;
}

export function stopCamera(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop();
}
