import { readFile } from 'node:fs/promises';
import { FrameAnalyzer } from '../../src/adapters/embedded/liveness/frame-analyzer.js';
import { serveJobs } from '../../src/adapters/embedded/worker-protocol.js';
import { renderFlatPhoto, type FlatPhotoWarp } from './flat-photo.js';
import { SyntheticHead, type HeadPoseRequest } from './synthetic-head.js';

/**
 * Renders synthetic frames off the caller's thread: in the end-to-end tests the app under test
 * serves requests on that thread, and 50–150 ms of rendering per frame would stall it. Heads are
 * built once per photo (by path) and kept.
 */

export type RenderRequest =
  | { readonly kind: 'head'; readonly photo: string; readonly pose: HeadPoseRequest; readonly seed: number }
  /** A print of the photo's head seen frontally, held up as a card. */
  | { readonly kind: 'print'; readonly photo: string; readonly warp: FlatPhotoWarp; readonly seed: number };

await serveJobs<RenderRequest, Uint8Array>(async () => {
  const analyzer = await FrameAnalyzer.load({ maxPixels: 25_000_000 });
  const heads = new Map<string, Promise<SyntheticHead>>();
  const prints = new Map<string, Promise<Uint8Array>>();
  const headOf = (photo: string) => {
    if (!heads.has(photo)) heads.set(photo, readFile(photo).then((bytes) => SyntheticHead.fromPhoto(bytes, analyzer)));
    return heads.get(photo)!;
  };
  const printOf = (photo: string) => {
    if (!prints.has(photo)) prints.set(photo, headOf(photo).then((head) => head.render({ yaw: 0, pitch: 0 }, 0)));
    return prints.get(photo)!;
  };
  return async (request) => {
    const frame =
      request.kind === 'head'
        ? await (await headOf(request.photo)).render(request.pose, request.seed)
        : await renderFlatPhoto(await printOf(request.photo), request.warp, request.seed);
    return { result: frame };
  };
});
