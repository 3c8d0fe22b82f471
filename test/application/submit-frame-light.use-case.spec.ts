import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { GetSessionUseCase } from '../../src/application/get-session.use-case.js';
import { SubmitFrameUseCase, type SubmitFrameResult } from '../../src/application/submit-frame.use-case.js';
import { InvalidLightTime } from '../../src/domain/domain.errors.js';
import type { LightCue } from '../../src/domain/liveness/challenge-frame.js';
import type { ChallengeKind } from '../../src/domain/liveness/challenge-options.js';
import { Session, type SessionRecord } from '../../src/domain/session.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { FollowingUser } from '../fakes/following-user.js';
import { jpegImage } from '../fakes/images.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { ScriptedFaceComparer } from '../fakes/scripted-face-comparer.js';
import { ScriptedFrameAnalyzer } from '../fakes/scripted-frame-analyzer.js';
import { SeededRandom } from '../fakes/seeded-random.js';
import { tinted, type Tint, GENUINE, NO_TINT } from '../domain/liveness/light-frames.js';

const LIFETIME_SECONDS = 600;

/**
 * The page's side of a session in the use case: a user who follows the answers, frames 200 ms
 * apart, then 100 ms apart during the light step with X-Light-Time from −neutralMs, tinted by `tint`.
 */
function setUp(challenge: ChallengeKind = 'movementAndLight') {
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
  const user = new FollowingUser();
  const light: { cue: LightCue | null; timeMs: number; tint: Tint } = { cue: null, timeMs: 0, tint: GENUINE };
  const analyzer = new ScriptedFrameAnalyzer((describe) => {
    const evidence = user.frame(describe);
    return light.cue ? tinted(evidence, light.tint(light.cue), light.timeMs) : evidence;
  });
  const ports = { sessions, images, analyzer, comparer: new ScriptedFaceComparer(0.5, new Error('no reference')), clock, random: new SeededRandom(5) };
  const submit = new SubmitFrameUseCase(ports, TEST_CAPTURE.tokens, { challenge: {}, auditImages: 2 });
  const create = new CreateSessionUseCase(sessions, images, clock, LIFETIME_SECONDS, { ...TEST_CAPTURE, challenge });
  const get = new GetSessionUseCase(sessions, clock);

  async function follow(tint: Tint = GENUINE): Promise<{ sessionId: string; results: SubmitFrameResult[] }> {
    const { sessionId, captureToken } = await create.execute({ clientRequestToken: 'abc' });
    light.tint = tint;
    const results: SubmitFrameResult[] = [];
    for (let index = 0; index < 250 && results.at(-1)?.instruction !== 'done'; index++) {
      clock.advance(light.cue ? 100 : 200);
      const lightTimeMs = light.cue ? light.timeMs : null;
      const result = await submit.execute({ sessionId, captureToken, frame: jpegImage(index % 256), lightTimeMs });
      if (light.cue) light.timeMs += 100;
      if (result.light && !light.cue) [light.cue, light.timeMs] = [result.light, -result.light.neutralMs];
      user.hear(result);
      results.push(result);
    }
    return { sessionId, results };
  }
  return { sessions, create, submit, get, clock, follow, user, analyzer };
}

describe('SubmitFrameUseCase with the light challenge', () => {
  it('reveals the sequence after the movement steps, and succeeds a face that reflects it', async () => {
    const context = setUp();
    const { sessionId, results } = await context.follow();

    const first = results.findIndex((result) => result.instruction === 'light');
    expect(first).toBeGreaterThan(0);
    expect(results.slice(0, first).every((result) => result.light === undefined)).toBe(true);
    expect(results[first]).toMatchObject({ progress: 3 / 4, hint: null, returnUrl: null, light: { neutralMs: 500 } });
    expect(results.at(-1)).toEqual({ instruction: 'done', progress: 1, hint: null, returnUrl: null });
    expect(await context.get.execute(sessionId)).toMatchObject({ status: 'succeeded', challenge: 'movementAndLight', reasons: [] });
  });

  it('fails a face that does not reflect the sequence as light_mismatch', async () => {
    const context = setUp();
    const { sessionId } = await context.follow(NO_TINT);
    expect(await context.get.execute(sessionId)).toMatchObject({ status: 'failed', confidence: 0, reasons: ['light_mismatch'] });
  });

  it('runs the movement steps alone for a session created with the movement challenge', async () => {
    const context = setUp('movement');
    const { sessionId, results } = await context.follow();
    expect(results.some((result) => result.instruction === 'light')).toBe(false);
    expect(await context.get.execute(sessionId)).toMatchObject({ status: 'succeeded', challenge: 'movement' });
  });

  it('refuses a light-step frame without X-Light-Time, before analysing it', async () => {
    const context = setUp();
    const { sessionId, captureToken } = await context.create.execute({ clientRequestToken: 'abc' });
    let result: SubmitFrameResult | null = null;
    for (let index = 0; index < 100 && result?.instruction !== 'light'; index++) {
      context.clock.advance(200);
      result = await context.submit.execute({ sessionId, captureToken, frame: jpegImage(index) });
      context.user.hear(result);
    }
    const analysed = context.analyzer.describeAsked.length;
    expect(result?.instruction).toBe('light');

    context.clock.advance(100);
    await expect(context.submit.execute({ sessionId, captureToken, frame: jpegImage(1) })).rejects.toThrow(InvalidLightTime);
    await expect(context.submit.execute({ sessionId, captureToken, frame: jpegImage(1), lightTimeMs: Number.NaN })).rejects.toThrow(InvalidLightTime);
    expect(context.analyzer.describeAsked.length).toBe(analysed);
    await expect(context.submit.execute({ sessionId, captureToken, frame: jpegImage(1), lightTimeMs: -500 })).resolves.toMatchObject({ instruction: 'light' });
  });

  it('reads a session stored before the light challenge as movement', async () => {
    const context = setUp();
    const created = await context.create.execute({ clientRequestToken: 'abc' });
    const stored = await context.sessions.findById(created.sessionId);
    const old = Object.fromEntries(Object.entries(stored?.toRecord() ?? {}).filter(([name]) => name !== 'challenge')) as SessionRecord;
    await context.sessions.update(Session.fromRecord(old));
    expect((await context.get.execute(created.sessionId)).challenge).toBe('movement');
  });
});
