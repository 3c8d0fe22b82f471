import { CaptureTokenInvalid, ProviderLivenessNotConfigured, SessionNotFound } from '../domain/domain.errors.js';
import type { Clock } from '../domain/ports/clock.port.js';
import type { SessionRepository } from '../domain/ports/session-repository.port.js';
import type { CaptureTokens } from './capture-tokens.js';
import type { ProviderLiveness } from './provider-liveness.js';

export interface GetCaptureSetupCommand {
  readonly sessionId: string;
  readonly captureToken: string;
}

/** What the capture page runs for a session, and where it sends the user when done. */
export type CaptureSetup =
  | { readonly provider: 'embedded'; readonly returnUrl: string | null }
  | {
      readonly provider: 'rekognition';
      /** The provider's session, which Amplify's FaceLivenessDetector streams to. */
      readonly livenessSessionId: string;
      readonly region: string;
      /** The browser's credentials: unauthenticated identities of this Cognito identity pool. */
      readonly identityPoolId: string;
      readonly returnUrl: string | null;
    };

/**
 * Which liveness check the capture page hosts. For Rekognition, null parts are missing from the
 * configuration (STORAGE=fs has no bucket for its images; development may leave out the pool).
 */
export type CaptureProvider =
  | { readonly provider: 'embedded' }
  | {
      readonly provider: 'rekognition';
      readonly liveness: ProviderLiveness | null;
      readonly browser: { readonly region: string; readonly identityPoolId: string } | null;
    };

/** The capture page's first call: which check to run, with the capture token checked as for frames. */
export class GetCaptureSetupUseCase {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
    private readonly tokens: CaptureTokens,
    private readonly capture: CaptureProvider,
  ) {}

  /**
   * @throws CaptureTokenInvalid (also once the capture time is over), CaptureTokenForOtherSession,
   * SessionNotFound; ProviderLivenessNotConfigured; ProviderThrottled, ProviderFailed.
   */
  async execute({ sessionId, captureToken }: GetCaptureSetupCommand): Promise<CaptureSetup> {
    const now = this.clock.now();
    this.tokens.verify(captureToken, sessionId);
    const session = await this.sessions.findById(sessionId);
    if (!session) throw new SessionNotFound(sessionId);
    if (!session.captureOpenAt(now)) throw new CaptureTokenInvalid('expired');
    if (this.capture.provider === 'embedded') return { provider: 'embedded', returnUrl: session.returnUrl };

    const { liveness, browser } = this.capture;
    if (!liveness || !browser) throw new ProviderLivenessNotConfigured();
    // Normally opened at creation; a creation that failed half way leaves it to here.
    const livenessSessionId = await liveness.open(session);
    return { provider: 'rekognition', livenessSessionId, ...browser, returnUrl: session.returnUrl };
  }
}
