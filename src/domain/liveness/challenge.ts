import { ChallengeFinished, TooManyFrames } from '../domain.errors.js';
import type { RandomSource } from '../ports/random-source.port.js';
import type { ChallengeAnswer, FrameVerdict, LightCue, LightTiming } from './challenge-frame.js';
import { DEFAULT_CHALLENGE_OPTIONS, type ChallengeOptions } from './challenge-options.js';
import type { ChallengeFailure, ChallengeRecord, ChallengeState } from './challenge-record.js';
import { CHALLENGE_STEPS, drawStep, TURN_STEPS, type ChallengeStep } from './challenge-step.js';
import { cssColour, drawLightSequence, sequenceDurationMs, type LightSequence } from './light-sequence.js';
import { LIVENESS_THRESHOLDS } from './liveness-thresholds.js';

/**
 * The interactive liveness challenge: consumes frame verdicts in time order and says what the page
 * shows next. waiting_for_face → step_issued → recentering → step_issued → … → passed | failed; with the
 * light option, … → recentering → light_issued → passed | failed.
 * Each step, and the light sequence, is drawn only when the face is back at centre after the
 * previous step is verified, so nothing (not even the stored record) knows it in advance.
 */
export class Challenge {
  private constructor(
    private record: ChallengeRecord,
    private readonly random: RandomSource,
  ) {}

  static start(random: RandomSource, options: Partial<ChallengeOptions> = {}): Challenge {
    const record: ChallengeRecord = {
      options: { ...DEFAULT_CHALLENGE_OPTIONS, ...options },
      steps: [],
      state: { kind: 'waiting_for_face', usableFrames: 0 },
      frames: 0,
      lowQualityFrames: 0,
      lastFrameAt: null,
    };
    return new Challenge(record, random);
  }

  static fromRecord(record: ChallengeRecord, random: RandomSource): Challenge {
    // An option added since the record was stored (minLightFrameIntervalMs) takes its default.
    const stored = structuredClone(record);
    return new Challenge({ ...stored, options: { ...DEFAULT_CHALLENGE_OPTIONS, ...stored.options } }, random);
  }

  toRecord(): ChallengeRecord {
    return structuredClone(this.record);
  }

  get state(): ChallengeState {
    return this.record.state;
  }

  /** The step the next frame is judged against; null outside step_issued. */
  get expectedStep(): ChallengeStep | null {
    return this.record.state.kind === 'step_issued' ? this.record.state.step : null;
  }

  /** When the expected step was issued: a blink is looked for in the frames from then on. */
  get issuedAt(): number | null {
    return this.record.state.kind === 'step_issued' ? this.record.state.issuedAt : null;
  }

  /** Whether the step now expected is the challenge's last. */
  get isOnLastStep(): boolean {
    return this.record.state.kind === 'step_issued' && this.record.steps.length === this.record.options.stepCount;
  }

  /** The light sequence being shown; null outside light_issued. */
  get lightSequence(): LightSequence | null {
    return this.record.state.kind === 'light_issued' ? (this.record.light ?? null) : null;
  }

  get isFinished(): boolean {
    return this.record.state.kind === 'passed' || this.record.state.kind === 'failed';
  }

  /**
   * Refuses a frame received at `at` before anyone spends time analysing it. Frames are spaced by
   * their arrival; in the light step a frame with a capture time (`light`) is too soon only when
   * it was captured too soon as well.
   * @throws ChallengeFinished once passed or failed; TooManyFrames past the cap or too soon.
   */
  assertAccepts(at: number, light: LightTiming | null = null): void {
    const { options, frames } = this.record;
    if (this.isFinished) throw new ChallengeFinished();
    if (frames >= options.maxFrames) throw new TooManyFrames(null);
    const arrivalWaitMs = this.arrivalWaitMs(at);
    const waitMs = light && this.record.state.kind === 'light_issued' ? Math.min(arrivalWaitMs, this.lightWaitMs(light)) : arrivalWaitMs;
    if (waitMs > 0) throw new TooManyFrames(waitMs / 1000);
  }

  /** Takes the next frame's verdict; frames must come in time order. Throws as assertAccepts. */
  observe(frame: FrameVerdict): ChallengeAnswer {
    this.assertAccepts(frame.at, frame.lightTiming ?? null);
    this.update({ frames: this.record.frames + 1, lastFrameAt: frame.at });
    if (this.isOverdue(frame.at)) return this.fail('too_slow', frame.at);
    const state = this.record.state;
    if (!frame.usable) this.onUnusable(frame.at);
    else if (state.kind === 'waiting_for_face') this.onBaselineFrame(frame.at, state.usableFrames + 1);
    else if (state.kind === 'step_issued') this.onStepFrame(frame, state.step, state.issuedAt);
    else if (state.kind === 'recentering' && frame.centered) this.issueNextStep(frame.at);
    // The light capture ends with the frame taken after the trailing neutral screen, usable or not:
    // the reflection check (LivenessCheck) judges what the usable ones showed.
    if (this.record.state.kind === 'light_issued' && frame.lightComplete) this.update({ state: { kind: 'passed', at: frame.at } });
    return this.answer();
  }

  answer(): ChallengeAnswer {
    // A failed challenge reads exactly like a passed one: the page must not coach an attacker.
    if (this.isFinished) return { instruction: 'done', progress: 1 };
    const { options } = this.record;
    const progress = this.verifiedSteps() / (options.stepCount + (options.light ? 1 : 0));
    const light = this.lightSequence;
    if (light) return { instruction: 'light', progress, light: lightCue(light) };
    return { instruction: this.expectedStep ?? 'center_face', progress };
  }

  /** How much sooner than minFrameIntervalMs after the last frame's arrival a frame arriving at `at` came; ≤ 0 when not. */
  private arrivalWaitMs(at: number): number {
    const { lastFrameAt, options } = this.record;
    return lastFrameAt === null ? 0 : lastFrameAt + options.minFrameIntervalMs - at;
  }

  /**
   * The same on capture times, for the light step. The page sends its frames there without waiting
   * for the answers, so the network bunches their arrival while their capture stays evenly paced:
   * spaced by arrival alone, a well-behaved page's frames would be refused. Capture times must
   * increase within LIGHT_TIME_RANGE_MS, so with this spacing they let no more frames through
   * than the frame cap does.
   */
  private lightWaitMs({ timeMs, lastTimeMs }: LightTiming): number {
    return lastTimeMs === null ? 0 : lastTimeMs + this.record.options.minLightFrameIntervalMs - timeMs;
  }

  private verifiedSteps(): number {
    const drawn = this.record.steps.length;
    return this.record.state.kind === 'step_issued' ? drawn - 1 : drawn;
  }

  /**
   * Past the window of the step issued, or of the return to centre after one; for the light step,
   * past the sequence and its trailing neutral screen plus that window.
   */
  private isOverdue(at: number): boolean {
    const state = this.record.state;
    const { stepWindowMs } = this.record.options;
    if (state.kind === 'light_issued') {
      const shownMs = this.record.light ? sequenceDurationMs(this.record.light) + LIVENESS_THRESHOLDS.light.neutralMs : 0;
      return at > state.issuedAt + shownMs + stepWindowMs;
    }
    const since = state.kind === 'step_issued' ? state.issuedAt : state.kind === 'recentering' ? state.since : null;
    return since !== null && at > since + stepWindowMs;
  }

  private onUnusable(at: number): void {
    const lowQualityFrames = this.record.lowQualityFrames + 1;
    this.update({ lowQualityFrames });
    if (lowQualityFrames > this.record.options.maxLowQualityFrames) this.fail('low_quality', at);
  }

  private onBaselineFrame(at: number, usableFrames: number): void {
    if (usableFrames >= this.record.options.baselineFrames) this.issueNextStep(at);
    else this.update({ state: { kind: 'waiting_for_face', usableFrames } });
  }

  private onStepFrame(frame: FrameVerdict, step: ChallengeStep, issuedAt: number): void {
    const { at } = frame;
    if (frame.wrongMove) {
      this.fail('wrong_move', at);
    } else if (frame.stepReached === step) {
      // Before minReaction the user cannot have seen the step: ignoring the frame would let a
      // recording that happens to hold this pose pass one frame later, so it fails.
      if (at < issuedAt + this.record.options.minReactionMs) this.fail('too_early', at);
      else if (this.record.steps.length === this.record.options.stepCount && !this.record.options.light) this.update({ state: { kind: 'passed', at } });
      else this.update({ state: { kind: 'recentering', since: at } });
    }
  }

  private issueNextStep(at: number): void {
    const { steps, options } = this.record;
    if (steps.length === options.stepCount) {
      // The last movement step is verified and the face is back: the sequence is drawn now, not before.
      this.update({ light: drawLightSequence(this.random), state: { kind: 'light_issued', issuedAt: at } });
      return;
    }
    // A flat picture is told from a head only by a sideways turn (planarity.ts): a challenge of
    // looks up and blinks alone (2 in 36 draws of 3 steps) gets a turn as its last step.
    const mustTurn = steps.length === options.stepCount - 1 && !steps.some((step) => TURN_STEPS.includes(step));
    const step = drawStep(steps.at(-1) ?? null, this.random, mustTurn ? TURN_STEPS : CHALLENGE_STEPS);
    this.update({ steps: [...this.record.steps, step], state: { kind: 'step_issued', step, issuedAt: at } });
  }

  private fail(reason: ChallengeFailure, at: number): ChallengeAnswer {
    this.update({ state: { kind: 'failed', reason, at } });
    return this.answer();
  }

  private update(changes: Partial<ChallengeRecord>): void {
    this.record = { ...this.record, ...changes };
  }
}

function lightCue(sequence: LightSequence): LightCue {
  return {
    flashes: sequence.flashes.map(({ colour, durationMs }) => ({ colour: cssColour(colour), durationMs })),
    neutralMs: LIVENESS_THRESHOLDS.light.neutralMs,
  };
}
