import { WorkerPool } from '../../src/adapters/embedded/worker-pool.js';
import type { FlatPhotoWarp } from './flat-photo.js';
import type { HeadPoseRequest } from './synthetic-head.js';
import type { RenderRequest } from './synthetic-frames.worker.js';

/** Someone in front of the camera whose head can take any pose. */
export interface Person {
  render(pose: HeadPoseRequest, seed: number): Promise<Uint8Array>;
}

/** A printed photo of someone, held up and moved by hand. */
export interface Print {
  render(warp: FlatPhotoWarp, seed: number): Promise<Uint8Array>;
}

/** Synthetic webcam frames of the people on photos, rendered on worker threads (see synthetic-frames.worker.ts). */
export class SyntheticFrames {
  private readonly pool: WorkerPool<RenderRequest, Uint8Array>;

  constructor(threads = 1) {
    const extension = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
    this.pool = new WorkerPool({ script: new URL(`./synthetic-frames.worker.${extension}`, import.meta.url), size: threads });
  }

  /** The person on `photo` (a path to a roughly frontal picture of one face). */
  person(photo: string): Person {
    return { render: (pose, seed) => this.pool.run({ kind: 'head', photo, pose, seed }) };
  }

  /** A print of the person on `photo`, framed as a webcam would see their face. */
  print(photo: string): Print {
    return { render: (warp, seed) => this.pool.run({ kind: 'print', photo, warp, seed }) };
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
