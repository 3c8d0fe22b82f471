import type { LightSequence } from './challenge-answer.js';

/**
 * The screen before and after the flashes: mid grey. It has no colour of its own, so the face's
 * colour under it is the baseline each flash shifts from, and its brightness (relative luminance
 * 0.22) lies inside the flashes' range (0.07–0.48): going from it to a flash changes the colour
 * far more than the brightness, and the camera's auto-exposure has little to chase.
 */
export const NEUTRAL_COLOUR = '#808080';
/** Half a 60 Hz frame: each change lands on the display frame nearest its scheduled time. */
const HALF_FRAME_MS = 8;

/**
 * Fills the screen with `sequence`: neutral for neutralMs, each flash for its durationMs, back to
 * back, then neutral, timed by requestAnimationFrame. The flashes' times count from when the first
 * one actually appeared; until then, from when it was scheduled. The screen stays neutral after
 * the sequence until stop(): the server says when the step is over.
 */
export class LightShow {
  /** performance.now() when each flash appeared, NaN for one not shown (yet). */
  readonly appearedAt: number[];
  /** Start of each flash from the start of the first, and the end of the last as a final entry. */
  private readonly onsets: number[] = [0];
  private scheduledFirstAt = NaN;
  private firstFlashAt: number | null = null;
  /** -1: the lead-in neutral; 0 to n - 1: a flash; n: the trailing neutral; n + 1: over. */
  private shown = -1;
  private frame = 0;

  constructor(
    private readonly screen: HTMLElement,
    private readonly sequence: LightSequence,
  ) {
    this.appearedAt = sequence.flashes.map(() => NaN);
    for (const flash of sequence.flashes) this.onsets.push(this.onsets[this.onsets.length - 1] + flash.durationMs);
  }

  /** Covers the screen with the neutral colour; resolves once it is up. */
  start(): Promise<void> {
    return new Promise((resolve) => {
      this.frame = requestAnimationFrame(() => {
        this.paint(NEUTRAL_COLOUR);
        this.screen.hidden = false;
        this.scheduledFirstAt = performance.now() + this.sequence.neutralMs;
        this.frame = requestAnimationFrame(this.tick);
        resolve();
      });
    });
  }

  /**
   * X-Light-Time of a frame grabbed at `grabbedAt` (performance.now()), in whole ms from the first
   * flash. A frame grabbed while the first flash had not appeared yet is negative, whatever the
   * schedule said: the screen it saw was still neutral.
   */
  lightTime(grabbedAt: number): number {
    const fromFirst = grabbedAt - (this.firstFlashAt ?? this.scheduledFirstAt);
    return Math.round(this.firstFlashAt === null || grabbedAt < this.firstFlashAt ? Math.min(fromFirst, -1) : fromFirst);
  }

  /** Hides the screen and stops the sequence, wherever it is. */
  stop(): void {
    cancelAnimationFrame(this.frame);
    this.screen.hidden = true;
  }

  private readonly tick = (): void => {
    const flashes = this.sequence.flashes;
    const origin = this.firstFlashAt ?? this.scheduledFirstAt;
    const elapsed = performance.now() + HALF_FRAME_MS - origin;
    // A busy page may skip a whole flash: it jumps to the one due now, never back.
    let due = this.shown;
    while (due <= flashes.length && elapsed >= this.endOf(due)) due++;
    if (due !== this.shown) {
      this.shown = due;
      this.paint(due < flashes.length ? flashes[due].colour : NEUTRAL_COLOUR);
      if (due < flashes.length) this.appearedAt[due] = performance.now();
      // The schedule's origin if the first flash was skipped altogether.
      this.firstFlashAt ??= Number.isNaN(this.appearedAt[0]) ? this.scheduledFirstAt : this.appearedAt[0];
    }
    if (this.shown <= flashes.length) this.frame = requestAnimationFrame(this.tick);
  };

  /** When state `state` ends, in ms from the first flash: a flash at the next one's onset, the trailing neutral neutralMs after the last. */
  private endOf(state: number): number {
    const last = this.sequence.flashes.length;
    return state < last ? this.onsets[state + 1] : this.onsets[last] + this.sequence.neutralMs;
  }

  private paint(colour: string): void {
    this.screen.style.backgroundColor = colour;
  }
}
