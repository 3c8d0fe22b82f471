import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

/** What the fake camera films: the size the capture page asks for. */
export const CAMERA_WIDTH = 640;
export const CAMERA_HEIGHT = 480;

/**
 * Chromium flags for a fake camera that shows `photo` (looped as a one-frame MJPEG) instead of its
 * test pattern, so frames and screenshots hold a face. Camera permission is left to each browser
 * context: granted, the page gets the camera; refused, getUserMedia fails with NotAllowedError.
 */
export async function fakeCameraArgs(photo: string, workDir: string): Promise<string[]> {
  const video = join(workDir, 'camera.mjpeg');
  await writeFile(video, await sharp(photo).resize(CAMERA_WIDTH, CAMERA_HEIGHT, { fit: 'cover' }).jpeg({ quality: 90 }).toBuffer());
  return ['--use-fake-device-for-media-stream', `--use-file-for-fake-video-capture=${video}`];
}

const THUMB = { width: 64, height: 48 };

async function thumbnail(image: Buffer | string, mirrored: boolean): Promise<Buffer> {
  const resized = sharp(image).resize(CAMERA_WIDTH, CAMERA_HEIGHT, { fit: 'cover' }).resize(THUMB.width, THUMB.height, { fit: 'fill' }).greyscale();
  return (mirrored ? resized.flop() : resized).raw().toBuffer();
}

function meanAbsoluteDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}

/** How far a sent frame is from `photo` as filmed and from its mirror image (grey levels, 0–255). */
export async function distanceFromPhoto(frame: Buffer, photo: string): Promise<{ asFilmed: number; mirrored: number }> {
  const sent = await thumbnail(frame, false);
  return {
    asFilmed: meanAbsoluteDifference(sent, await thumbnail(photo, false)),
    mirrored: meanAbsoluteDifference(sent, await thumbnail(photo, true)),
  };
}
