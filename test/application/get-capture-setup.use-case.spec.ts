import { CreateSessionUseCase } from '../../src/application/create-session.use-case.js';
import { type CaptureProvider, GetCaptureSetupUseCase } from '../../src/application/get-capture-setup.use-case.js';
import { ProviderLiveness } from '../../src/application/provider-liveness.js';
import {
  CaptureTokenForOtherSession,
  CaptureTokenInvalid,
  ProviderLivenessNotConfigured,
  ProviderThrottled,
  SessionNotFound,
} from '../../src/domain/domain.errors.js';
import { TEST_CAPTURE } from '../fakes/capture-settings.js';
import { FixedClock } from '../fakes/fixed-clock.js';
import { InMemoryImageStore } from '../fakes/in-memory-image-store.js';
import { InMemorySessionRepository } from '../fakes/in-memory-session-repository.js';
import { ScriptedFaceComparer } from '../fakes/scripted-face-comparer.js';
import { ScriptedLivenessProvider } from '../fakes/scripted-liveness-provider.js';

const BROWSER = { region: 'eu-west-1', identityPoolId: 'eu-west-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90' };
const UNKNOWN_ID = '0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90';

type Mode = 'embedded' | 'rekognition' | 'rekognition without s3' | 'rekognition without a pool';

function setUp(mode: Mode = 'rekognition') {
  const sessions = new InMemorySessionRepository();
  const images = new InMemoryImageStore();
  const clock = new FixedClock(new Date('2026-01-01T10:00:00Z'));
  const provider = new ScriptedLivenessProvider();
  const liveness = new ProviderLiveness({ provider, sessions, images, comparer: new ScriptedFaceComparer(0.5, new Error('not compared')) });
  const capture: CaptureProvider =
    mode === 'embedded'
      ? { provider: 'embedded' }
      : { provider: 'rekognition', liveness: mode === 'rekognition without s3' ? null : liveness, browser: mode === 'rekognition without a pool' ? null : BROWSER };
  const withProvider = capture.provider === 'rekognition' ? capture.liveness : null;
  return {
    sessions,
    clock,
    provider,
    create: new CreateSessionUseCase(sessions, images, clock, 600, TEST_CAPTURE, withProvider),
    setup: new GetCaptureSetupUseCase(sessions, clock, TEST_CAPTURE.tokens, capture),
  };
}

describe('GetCaptureSetupUseCase', () => {
  it('tells the page to run the embedded challenge, with the returnUrl', async () => {
    const { create, setup } = setUp('embedded');
    const { sessionId, captureToken } = await create.execute({ clientRequestToken: 'abc', returnUrl: 'https://app.example/done' });

    expect(await setup.execute({ sessionId, captureToken })).toEqual({ provider: 'embedded', returnUrl: 'https://app.example/done' });
  });

  it('gives the page the provider session, region and identity pool in rekognition mode', async () => {
    const { create, setup, provider } = setUp();
    const { sessionId, captureToken } = await create.execute({ clientRequestToken: 'abc' });

    expect(await setup.execute({ sessionId, captureToken })).toEqual({
      provider: 'rekognition',
      livenessSessionId: '00000000-0000-4000-8000-000000000001',
      ...BROWSER,
      returnUrl: null,
    });
    expect(provider.opens).toHaveLength(1);
  });

  it('opens the provider session of a session whose creation failed to open it', async () => {
    const { create, setup, provider, sessions } = setUp();
    provider.failNextOpen(new ProviderThrottled(1));
    await expect(create.execute({ clientRequestToken: 'abc' })).rejects.toThrow(ProviderThrottled);
    const { sessionId } = provider.opens[0];
    expect((await sessions.findById(sessionId))?.providerSessionId).toBeNull();

    const answer = await setup.execute({ sessionId, captureToken: TEST_CAPTURE.tokens.issue(sessionId) });

    expect(answer).toMatchObject({ provider: 'rekognition', livenessSessionId: '00000000-0000-4000-8000-000000000001' });
    expect((await sessions.findById(sessionId))?.providerSessionId).toBe('00000000-0000-4000-8000-000000000001');
  });

  it('refuses a token this service did not issue, and another session\'s token', async () => {
    const { create, setup } = setUp();
    const mine = await create.execute({ clientRequestToken: 'mine' });
    const other = await create.execute({ clientRequestToken: 'other' });

    await expect(setup.execute({ sessionId: mine.sessionId, captureToken: `${mine.sessionId}.forged` })).rejects.toThrow(CaptureTokenInvalid);
    await expect(setup.execute({ sessionId: mine.sessionId, captureToken: other.captureToken })).rejects.toThrow(CaptureTokenForOtherSession);
  });

  it('refuses once the capture time is over', async () => {
    const { create, setup, clock } = setUp();
    const { sessionId, captureToken } = await create.execute({ clientRequestToken: 'abc' });
    clock.advance(TEST_CAPTURE.lifetimeSeconds * 1000);

    await expect(setup.execute({ sessionId, captureToken })).rejects.toThrow(new CaptureTokenInvalid('expired'));
  });

  it('throws SessionNotFound for a valid token of a session that is gone', async () => {
    const { setup } = setUp();

    await expect(setup.execute({ sessionId: UNKNOWN_ID, captureToken: TEST_CAPTURE.tokens.issue(UNKNOWN_ID) })).rejects.toThrow(SessionNotFound);
  });

  it.each<Mode>(['rekognition without s3', 'rekognition without a pool'])('throws ProviderLivenessNotConfigured in %s', async (mode) => {
    const { create, setup } = setUp(mode);
    const { sessionId, captureToken } = await create.execute({ clientRequestToken: 'abc' });

    await expect(setup.execute({ sessionId, captureToken })).rejects.toThrow(ProviderLivenessNotConfigured);
  });
});
