import { replayHygiene, type TimedFace } from '../../../src/domain/liveness/replay-hygiene.js';
import { moved, syntheticHead, toMesh } from './synthetic-face.js';

const head = syntheticHead();

/** A live-looking frame: the head slightly moved, fresh mesh noise, pixel statistics of its own. */
function live(index: number, timeMs = 200 * index): TimedFace {
  const mesh = toMesh(moved(head, { yaw: index % 3 }), 0.5, index);
  return { timeMs, face: { mesh, brightness: 130 + 0.3 * index, sharpness: 300 + 2 * index } };
}

describe('replayHygiene', () => {
  it('passes frames that change a little and come at camera pace', () => {
    expect(replayHygiene([0, 1, 2, 3, 4].map((i) => live(i)))).toEqual({ ok: true });
  });

  it('passes a person holding very still: half a pixel of model noise is not a duplicate', () => {
    const still = [0, 1, 2].map((i) => ({ ...live(i), face: { ...live(i).face, mesh: toMesh(head, 0.5, i) } }));
    expect(replayHygiene(still)).toEqual({ ok: true });
  });

  it('fails a frame sent twice, at the second copy', () => {
    const frames = [live(0), live(1), { ...live(1), timeMs: 400 }, live(3)];
    expect(replayHygiene(frames)).toEqual({ ok: false, reason: 'duplicate_frame', index: 2 });
  });

  it('fails the same mesh under other pixel statistics, and the same pixel statistics under another mesh', () => {
    const sameMesh = { timeMs: 200, face: { ...live(0).face, brightness: 90, sharpness: 120 } };
    expect(replayHygiene([live(0), sameMesh])).toEqual({ ok: false, reason: 'duplicate_frame', index: 1 });
    const samePixels = { timeMs: 200, face: { ...live(0).face, mesh: live(1).face.mesh } };
    expect(replayHygiene([live(0), samePixels])).toEqual({ ok: false, reason: 'duplicate_frame', index: 1 });
  });

  it('fails timestamps that go back or stand still', () => {
    expect(replayHygiene([live(0), live(1), live(2, 100)])).toEqual({ ok: false, reason: 'impossible_timing', index: 2 });
    expect(replayHygiene([live(0), live(1, 0)])).toEqual({ ok: false, reason: 'impossible_timing', index: 1 });
  });

  it('fails frames closer than a 60 frames/s camera can deliver, and passes them at that pace', () => {
    expect(replayHygiene([live(0, 0), live(1, 10)])).toEqual({ ok: false, reason: 'impossible_timing', index: 1 });
    expect(replayHygiene([live(0, 0), live(1, 17)])).toEqual({ ok: true });
  });

  it('fails a missing timestamp', () => {
    expect(replayHygiene([live(0), live(1, Number.NaN)])).toEqual({ ok: false, reason: 'impossible_timing', index: 1 });
  });
});
