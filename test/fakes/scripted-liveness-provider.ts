import { LivenessProvider, type LivenessResults } from '../../src/domain/ports/liveness-provider.port.js';

type OpenRequest = { readonly sessionId: string; readonly clientRequestToken: string };

/** What a provider session that has not started answers. */
export const NOT_STARTED: LivenessResults = { status: 'created', confidence: null, referenceImage: null, auditImages: [] };

/**
 * A LivenessProvider whose answers the test scripts, recording its calls. Like Rekognition (see
 * providerToken) it opens one provider session per session and token: a repeated open returns it.
 */
export class ScriptedLivenessProvider extends LivenessProvider {
  readonly opens: OpenRequest[] = [];
  /** The provider session ids `results` was asked for, in order. */
  readonly asked: string[] = [];
  private readonly opened = new Map<string, string>();
  private answer: LivenessResults | Error = NOT_STARTED;
  private openFailure: Error | null = null;

  /** What `results` answers (or throws) from now on, for any provider session. */
  answers(results: LivenessResults | Error): void {
    this.answer = results;
  }

  /** What the next `open` throws, once. */
  failNextOpen(error: Error): void {
    this.openFailure = error;
  }

  override async open(request: OpenRequest): Promise<string> {
    this.opens.push(request);
    const failure = this.openFailure;
    this.openFailure = null;
    if (failure) throw failure;
    const key = `${request.sessionId}\0${request.clientRequestToken}`;
    if (!this.opened.has(key)) this.opened.set(key, `00000000-0000-4000-8000-${String(this.opened.size + 1).padStart(12, '0')}`);
    return this.opened.get(key)!;
  }

  override async results(providerSessionId: string): Promise<LivenessResults> {
    this.asked.push(providerSessionId);
    if (this.answer instanceof Error) throw this.answer;
    return this.answer;
  }
}
