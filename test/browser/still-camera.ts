import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CAMERA_HEIGHT, CAMERA_WIDTH } from './fake-camera.js';

/** Debian's ffmpeg package. */
const FFMPEG = '/usr/bin/ffmpeg';

/**
 * Chromium flags for a fake camera that films `jpeg` and nothing else: a one-second Y4M clip of
 * that still, which Chromium loops, and no permission prompt.
 */
export async function stillCameraArgs(jpeg: Uint8Array, workDir: string): Promise<string[]> {
  const still = join(workDir, 'still.jpg');
  const clip = join(workDir, 'still.y4m');
  await writeFile(still, jpeg);
  await promisify(execFile)(FFMPEG, ['-loglevel', 'error', '-y', '-loop', '1', '-i', still, '-t', '1', '-r', '15', '-pix_fmt', 'yuv420p', '-vf', `scale=${CAMERA_WIDTH}:${CAMERA_HEIGHT}`, clip]);
  return ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${clip}`];
}
