import { jest } from '@jest/globals';
import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { GetSessionImageUseCase } from '../../src/application/get-session-image.use-case.js';
import { GetSessionUseCase } from '../../src/application/get-session.use-case.js';
import { SubmitFrameUseCase, type SubmitFrameResult } from '../../src/application/submit-frame.use-case.js';
import {
  CaptureTokenForOtherSession,
  CaptureTokenInvalid,
  ChallengeFinished,
  LivenessUnavailable,
  NoFaceFound,
  SessionImageNotFound,
  SessionNotFound,
  TooManyFrames,
} from '../../src/domain/domain.errors.js';
import type { FaceComparison } from '../../src/domain/face.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { FollowingUser } from '../fakes/following-user.js';
import { jpegImage } from '../fakes/images.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { ScriptedFaceComparer } from '../fakes/scripted-face-comparer.js';
import { ScriptedFrameAnalyzer } from '../fakes/scripted-frame-analyzer.js';
import { ScriptedRandom } from '../fakes/seeded-random.js';

const LIFETIME_SECONDS = 600;
/** The page's pace: 5 frames/s. */
const FRAME_MS = 200;
// Picks 0, 2, 1: turn_left, blink, turn_right; 0, 0, 1: turn_left, turn_right, look_up (no blink, for a photo).
const TURN_BLINK_TURN = [0, 2, 1];
const NO_BLINK = [0, 0, 1];
/** analyzedFace's box: where the face of every kept frame is. */
const FACE_BOX = { left: 0.35, top: 0.25, width: 0.3, height: 0.5 };
const UNKNOWN_SESSION = '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';

const box = { left: 0.3, top: 0.2, width: 0.4, height: 0.5 };
const COMPARISON: FaceComparison = {
  sourceFace: { boundingBox: box, confidence: 0.99 },
  targetFaces: [
    { boundingBox: box, confidence: 0.99, similarity: 0.4 },
    { boundingBox: box, confidence: 0.99, similarity: 0.93 },
  ],
};

interface SetUpOptions {
  readonly user?: FollowingUser;
  readonly picks?: readonly number[];
  readonly auditImages?: number;
  readonly comparison?: FaceComparison | Error;
  readonly withAnalyzer?: boolean;
}

function setUp({ user = new FollowingUser(), picks = TURN_BLINK_TURN, auditImages = 2, comparison = COMPARISON, withAnalyzer = true }: SetUpOptions = {}) {
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
  const analyzer = new ScriptedFrameAnalyzer((describe) => user.frame(describe));
  const comparer = new ScriptedFaceComparer(0.5, comparison);
  const ports = { sessions, images, analyzer: withAnalyzer ? analyzer : null, comparer, clock, random: new ScriptedRandom(picks) };
  return {
    user,
    sessions,
    images,
    clock,
    analyzer,
    comparer,
    submit: new SubmitFrameUseCase(ports, TEST_CAPTURE.tokens, { challenge: {}, auditImages }),
    create: new CreateSessionUseCase(sessions, images, clock, LIFETIME_SECONDS, TEST_CAPTURE),
    get: new GetSessionUseCase(sessions, clock),
    image: new GetSessionImageUseCase(sessions, images, clock),
  };
}

type Context = ReturnType<typeof setUp>;
interface Created {
  readonly sessionId: string;
  readonly captureToken: string;
}

/** Frame `index` as the page sends it; the fake analyzer ignores the pixels. */
const frameImage = (index: number) => jpegImage(index % 256);
/** What the store keeps of frame `index`: the frame, metadata stripped. */
const storedFrame = (index: number) => frameImage(index).withoutMetadata('frame').bytes;

/** One frame, FRAME_MS after the previous, the user following the answer. */
async function send(context: Context, { sessionId, captureToken }: Created, index: number): Promise<SubmitFrameResult> {
  context.clock.advance(FRAME_MS);
  const result = await context.submit.execute({ sessionId, captureToken, frame: frameImage(index) });
  context.user.hear(result);
  return result;
}

/** Frames until the challenge is over; returns every answer. */
async function follow(context: Context, created: Created): Promise<SubmitFrameResult[]> {
  const results: SubmitFrameResult[] = [];
  for (let index = 0; index < 100 && results.at(-1)?.instruction !== 'done'; index++) results.push(await send(context, created, index));
  return results;
}

/** A promise the test resolves when it chooses. */
function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((res) => (resolve = res));
  return { promise, resolve };
}

const settle = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('SubmitFrameUseCase', () => {
  it('moves a new session from created to processing on its first frame, and asks for a centred face', async () => {
    const context = setUp();
    const created = await context.create.execute({ clientRequestToken: 'abc' });
    expect((await context.get.execute(created.sessionId)).status).toBe('created');

    const answer = await send(context, created, 0);

    expect(answer).toEqual({ instruction: 'center_face', progress: 0, hint: null, returnUrl: null });
    expect((await context.get.execute(created.sessionId)).status).toBe('processing');
  });

  it('succeeds a genuine run, with a confidence over 0.5, and gives the returnUrl with the last answer only', async () => {
    const context = setUp();
    const created = await context.create.execute({ clientRequestToken: 'abc', returnUrl: 'https://app.example/done' });

    const results = await follow(context, created);

    expect(results.at(-1)).toEqual({ instruction: 'done', progress: 1, hint: null, returnUrl: 'https://app.example/done' });
    expect(results.slice(0, -1).every(({ returnUrl }) => returnUrl === null)).toBe(true);
    const view = await context.get.execute(created.sessionId);
    expect(view).toMatchObject({ status: 'succeeded', reasons: [] });
    expect(view.confidence).toBeGreaterThan(0.5);
  });

  it('asks the analyzer for a descriptor on the first frame, then once a second', async () => {
    const context = setUp();
    const created = await context.create.execute({ clientRequestToken: 'abc' });

    for (let index = 0; index < 6; index++) await send(context, created, index);

    expect(context.analyzer.describeAsked).toEqual([true, false, false, false, false, true]);
  });

  describe('pictures', () => {
    it('keeps the first frame as the live reference, not shown while the session is processing', async () => {
      const context = setUp();
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      await send(context, created, 0);

      expect(await context.images.get(`sessions/${created.sessionId}/live-reference.jpeg`)).toEqual(storedFrame(0));
      expect(await context.get.execute(created.sessionId)).toMatchObject({ referenceImage: null, auditImages: [] });
    });

    it('shows the live reference and the audit frames once succeeded, audit frames capped by the settings', async () => {
      const context = setUp({ auditImages: 2 });
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      await follow(context, created);

      const view = await context.get.execute(created.sessionId);
      expect(view.referenceImage).toEqual({ boundingBox: FACE_BOX });
      expect(view.auditImages).toEqual([{ boundingBox: FACE_BOX }, { boundingBox: FACE_BOX }]);
      const key = (name: string) => `sessions/${created.sessionId}/${name}.jpeg`;
      expect(await context.images.get(key('live-reference'))).toEqual(storedFrame(0));
      expect(await context.images.get(key('audit-0'))).not.toBeNull();
      expect(await context.images.get(key('audit-1'))).not.toBeNull();
      expect(await context.images.get(key('audit-2'))).toBeNull();
    });

    it('keeps one audit frame per step reached when the cap allows', async () => {
      const context = setUp({ auditImages: 4 });
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      const results = await follow(context, created);

      expect((await context.get.execute(created.sessionId)).auditImages).toHaveLength(3);
      // The frames whose answer moved the progress on reached a step: they are the ones kept.
      const reached = results.flatMap((result, index) => (result.progress > (results[index - 1]?.progress ?? 0) ? [index] : []));
      for (const [n, index] of reached.entries()) {
        expect(await context.images.get(`sessions/${created.sessionId}/audit-${n}.jpeg`)).toEqual(storedFrame(index));
      }
    });

    it('keeps no audit frame when the settings allow none', async () => {
      const context = setUp({ auditImages: 0 });
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      await follow(context, created);

      expect(await context.get.execute(created.sessionId)).toMatchObject({ status: 'succeeded', auditImages: [], referenceImage: { boundingBox: FACE_BOX } });
    });
  });

  describe('comparisonResult', () => {
    it('is the best similarity of the reference image against the live reference when the session has a reference image', async () => {
      const context = setUp();
      const created = await context.create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(200) });

      await follow(context, created);

      expect((await context.get.execute(created.sessionId)).comparisonResult).toBe(0.93);
      expect(context.comparer.calls).toHaveLength(1);
      expect(context.comparer.calls[0].source.bytes).toEqual(jpegImage(200).bytes);
      expect(context.comparer.calls[0].target.bytes).toEqual(storedFrame(0));
    });

    it('is null without a reference image, and nothing is compared', async () => {
      const context = setUp();
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      await follow(context, created);

      expect(await context.get.execute(created.sessionId)).toMatchObject({ status: 'succeeded', comparisonResult: null });
      expect(context.comparer.calls).toHaveLength(0);
    });

    it('is 0 when the comparer finds no face in the reference image', async () => {
      const context = setUp({ comparison: new NoFaceFound('source') });
      const created = await context.create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(200) });

      await follow(context, created);

      expect(await context.get.execute(created.sessionId)).toMatchObject({ status: 'succeeded', comparisonResult: 0 });
    });
  });

  it('fails a flat photo with its reasons, deletes its live pictures and compares nothing', async () => {
    const context = setUp({ user: new FollowingUser({ surface: 'photo' }), picks: NO_BLINK, auditImages: 4 });
    const puts = jest.spyOn(context.images, 'put');
    const created = await context.create.execute({ clientRequestToken: 'abc', referenceImage: jpegImage(200) });

    const results = await follow(context, created);

    expect(results.at(-1)?.instruction).toBe('done');
    const view = await context.get.execute(created.sessionId);
    expect(view).toMatchObject({ status: 'failed', reasons: ['planar_motion'], comparisonResult: null, referenceImage: null, auditImages: [] });
    expect(view.confidence).toBeLessThan(0.5);
    const liveKeys = puts.mock.calls.map(([key]) => key).filter((key) => !key.endsWith('/reference.jpeg'));
    expect(liveKeys).toHaveLength(4);
    for (const key of liveKeys) expect(await context.images.get(key)).toBeNull();
    const stored = await context.sessions.findById(created.sessionId);
    expect(stored).toMatchObject({ liveReference: null, auditImages: [] });
    expect(context.comparer.calls).toHaveLength(0);
  });

  describe('refuses', () => {
    it('a token it did not issue with CaptureTokenInvalid, before reading any session', async () => {
      const context = setUp();
      const { sessionId } = await context.create.execute({ clientRequestToken: 'abc' });
      const reads = jest.spyOn(context.sessions, 'findById');

      await expect(context.submit.execute({ sessionId, captureToken: `${sessionId}.forged`, frame: frameImage(0) })).rejects.toThrow(CaptureTokenInvalid);
      expect(reads).not.toHaveBeenCalled();
      expect(context.analyzer.describeAsked).toHaveLength(0);
    });

    it('the token of another session with CaptureTokenForOtherSession', async () => {
      const context = setUp();
      const first = await context.create.execute({ clientRequestToken: 'abc' });
      const second = await context.create.execute({ clientRequestToken: 'def' });

      await expect(send(context, { sessionId: second.sessionId, captureToken: first.captureToken }, 0)).rejects.toThrow(CaptureTokenForOtherSession);
    });

    it('a session that does not exist with SessionNotFound', async () => {
      const context = setUp();
      const created = { sessionId: UNKNOWN_SESSION, captureToken: TEST_CAPTURE.tokens.issue(UNKNOWN_SESSION) };

      await expect(send(context, created, 0)).rejects.toThrow(SessionNotFound);
    });

    it('a frame from the moment the capture link expires with CaptureTokenInvalid', async () => {
      const context = setUp();
      const { sessionId, captureToken, createdAt } = await context.create.execute({ clientRequestToken: 'abc' });
      const expiry = createdAt.getTime() + TEST_CAPTURE.lifetimeSeconds * 1000;
      context.clock.set(new Date(expiry - FRAME_MS));
      await context.submit.execute({ sessionId, captureToken, frame: frameImage(0) });

      context.clock.set(new Date(expiry));
      await expect(context.submit.execute({ sessionId, captureToken, frame: frameImage(1) })).rejects.toThrow(CaptureTokenInvalid);
      expect(context.analyzer.describeAsked).toHaveLength(1);
    });

    it('a frame after the challenge is over with ChallengeFinished', async () => {
      const context = setUp();
      const created = await context.create.execute({ clientRequestToken: 'abc' });
      await follow(context, created);

      await expect(send(context, created, 99)).rejects.toThrow(ChallengeFinished);
    });

    it('a frame too soon after the last with TooManyFrames saying when to retry, without analysing it', async () => {
      const context = setUp();
      const { sessionId, captureToken } = await context.create.execute({ clientRequestToken: 'abc' });
      await send(context, { sessionId, captureToken }, 0);

      context.clock.advance(40);
      const tooSoon = context.submit.execute({ sessionId, captureToken, frame: frameImage(1) });

      await expect(tooSoon).rejects.toThrow(TooManyFrames);
      await expect(tooSoon).rejects.toMatchObject({ retryAfterSeconds: 0.06 });
      expect(context.analyzer.describeAsked).toHaveLength(1);
    });

    it('any frame with LivenessUnavailable where no analyzer runs', async () => {
      const context = setUp({ withAnalyzer: false });
      const created = await context.create.execute({ clientRequestToken: 'abc' });

      await expect(send(context, created, 0)).rejects.toThrow(LivenessUnavailable);
      expect((await context.get.execute(created.sessionId)).status).toBe('created');
    });
  });

  it('processes the frames of one session one at a time, each against the record the previous one left', async () => {
    const context = setUp();
    const { sessionId, captureToken } = await context.create.execute({ clientRequestToken: 'abc' });
    const gate = deferred();
    context.analyzer.gate = gate.promise;

    context.clock.advance(FRAME_MS);
    const first = context.submit.execute({ sessionId, captureToken, frame: frameImage(0) });
    context.clock.advance(FRAME_MS);
    const second = context.submit.execute({ sessionId, captureToken, frame: frameImage(1) });
    await settle();
    expect(context.analyzer.describeAsked).toHaveLength(1);

    gate.resolve();
    await expect(Promise.all([first, second])).resolves.toHaveLength(2);

    expect(context.analyzer.maxConcurrent).toBe(1);
    expect(context.analyzer.describeAsked).toEqual([true, false]);
    expect((await context.sessions.findById(sessionId))?.liveness?.challenge.frames).toBe(2);
  });
});

describe('GetSessionImageUseCase', () => {
  it('refuses an unknown session with SessionNotFound', async () => {
    const { image } = setUp();
    await expect(image.execute(UNKNOWN_SESSION, 'reference')).rejects.toThrow(SessionNotFound);
  });

  it('refuses the pictures of a session still processing with SessionImageNotFound', async () => {
    const context = setUp();
    const created = await context.create.execute({ clientRequestToken: 'abc' });
    await send(context, created, 0);

    await expect(context.image.execute(created.sessionId, 'reference')).rejects.toThrow(SessionImageNotFound);
  });

  it('hands out the live reference and the audit frames once succeeded, and refuses a frame never kept', async () => {
    const context = setUp({ auditImages: 2 });
    const created = await context.create.execute({ clientRequestToken: 'abc' });
    await follow(context, created);

    await expect(context.image.execute(created.sessionId, 'reference')).resolves.toEqual({ bytes: storedFrame(0), format: 'jpeg' });
    await expect(context.image.execute(created.sessionId, 1)).resolves.toMatchObject({ format: 'jpeg' });
    await expect(context.image.execute(created.sessionId, 2)).rejects.toThrow(SessionImageNotFound);
  });

  it('refuses the pictures of a failed session with SessionImageNotFound', async () => {
    const context = setUp({ user: new FollowingUser({ surface: 'photo' }), picks: NO_BLINK });
    const created = await context.create.execute({ clientRequestToken: 'abc' });
    await follow(context, created);

    await expect(context.image.execute(created.sessionId, 'reference')).rejects.toThrow(SessionImageNotFound);
    await expect(context.image.execute(created.sessionId, 0)).rejects.toThrow(SessionImageNotFound);
  });
});
