import { CameraUnavailable } from './camera.js';
import type { GrabbedFrame } from './challenge-io.js';
import { MESSAGES } from './messages.js';

/** The largest frame sent; a bigger camera picture is scaled down to fit, keeping its shape. */
const MAX_WIDTH = 640;
const MAX_HEIGHT = 480;
const JPEG_QUALITY = 0.85;
const STALLED_CAMERA_MS = 2000;

/** Takes JPEG stills of the live video, as the camera sees them (the preview's mirroring is CSS only). */
export class FrameGrabber {
  private readonly canvas = document.createElement('canvas');
  /** Pictures the video has presented so far, and how many it had at the last grab. */
  private presented = 0;
  private grabbedAfter = 0;

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly stream: MediaStream,
  ) {
    const count = () => {
      this.presented++;
      video.requestVideoFrameCallback(count);
    };
    video.requestVideoFrameCallback(count);
  }

  async grab(): Promise<GrabbedFrame> {
    await this.nextVideoFrame();
    const { videoWidth, videoHeight } = this.video;
    // A track ends when the camera is unplugged or the permission withdrawn; the video then keeps its last picture.
    if (!this.stream.getVideoTracks().some((track) => track.readyState === 'live') || videoWidth === 0) {
      throw new CameraUnavailable(MESSAGES.cameraStopped);
    }
    const scale = Math.min(1, MAX_WIDTH / videoWidth, MAX_HEIGHT / videoHeight);
    const width = Math.round(videoWidth * scale);
    const height = Math.round(videoHeight * scale);
    // Resizing a canvas clears it, even to the same size: only when the camera's size changes.
    if (this.canvas.width !== width || this.canvas.height !== height) {
      this.canvas.width = width;
      this.canvas.height = height;
    }
    const context = this.canvas.getContext('2d');
    if (!context) throw new Error('No 2D canvas context.');
    const grabbedAt = performance.now();
    context.drawImage(this.video, 0, 0, width, height);
    return new Promise((resolve, reject) => {
      this.canvas.toBlob((jpeg) => (jpeg ? resolve({ jpeg, grabbedAt }) : reject(new Error('The frame could not be encoded.'))), 'image/jpeg', JPEG_QUALITY);
    });
  }

  /**
   * Returns at once when the video shows a picture not grabbed yet, or else waits for one: a camera
   * stalled by a busy machine keeps one picture on screen, and the server fails a session that
   * sends the same picture twice (a replay). A camera that shows nothing new for 2 s has stopped.
   * Not waiting when there is no need keeps the light step's frames on its pace, not the camera's.
   */
  private async nextVideoFrame(): Promise<void> {
    if (this.presented === this.grabbedAfter) {
      const fresh = new Promise<boolean>((resolve) => this.video.requestVideoFrameCallback(() => resolve(true)));
      const stalled = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), STALLED_CAMERA_MS));
      if (!(await Promise.race([fresh, stalled]))) throw new CameraUnavailable(MESSAGES.cameraStopped);
    }
    this.grabbedAfter = this.presented;
  }
}
