import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { ok, type Script, standInForFrames } from './frames-stand-in.js';
import { useStandInCapture } from './stand-in-capture.js';

const PHOTO = fileURLToPath(new URL('../fixtures/liveness/headturn_woman_turned_left.jpg', import.meta.url));
const SCREENSHOT = fileURLToPath(new URL('../../docs/images/light-challenge.png', import.meta.url));
const SESSION_ID = '5f0c8a52-3f4e-4c1b-9a57-2d1e6b7c8f90';

const NEUTRAL = 'rgb(128, 128, 128)';
const SEQUENCE = {
  flashes: [
    { colour: '#ff0000', durationMs: 400 },
    { colour: '#00be00', durationMs: 350 },
    { colour: '#0000ff', durationMs: 300 },
    { colour: '#bebe00', durationMs: 400 },
  ],
  neutralMs: 500,
};
const FLASH_RGB = ['rgb(255, 0, 0)', 'rgb(0, 190, 0)', 'rgb(0, 0, 255)', 'rgb(190, 190, 0)'];
/** Start of each flash from the first's, and the end of the last. */
const ONSETS = SEQUENCE.flashes.reduce((onsets, flash) => [...onsets, onsets[onsets.length - 1] + flash.durationMs], [0]);
const TOTAL_MS = ONSETS[ONSETS.length - 1];
const NOTICE = 'The screen will show a few colours. Keep your face in the oval.';
const WARNING = 'If flashing lights affect you, stop here.';
/** A display frame at 60 Hz, and some: how far a colour change may land from its scheduled time. */
const FRAME_SLACK_MS = 25;

/**
 * The server's side of a light step: centre, then `light` with the sequence (repeated with every
 * answer, as the server does) until a frame comes from past the trailing neutral, then done.
 */
const lightStep: Script = (frames) => {
  if (frames.length <= 2) return ok({ instruction: 'center_face', progress: 0.5, hint: null });
  const over = frames.some((frame) => frame.lightTime !== null && frame.lightTime >= TOTAL_MS + SEQUENCE.neutralMs);
  return ok(over ? { instruction: 'done', progress: 1, hint: null } : { instruction: 'light', progress: 0.75, hint: null, light: SEQUENCE });
};

/** What the page showed and when (its performance.now()), logged in the page as it changes. */
interface Shown {
  readonly what: 'instruction' | 'hint' | 'screen';
  readonly value: string;
  readonly at: number;
}

/**
 * Logs each change of the instruction, the hint and the light screen's colour ('' while hidden) in
 * window.__shown, and when each frame left (fetch called) in window.__sent.
 */
const SHOWN_LOG = `(() => {
  const shown = [];
  const sent = [];
  window.__shown = shown;
  window.__sent = sent;
  const pageFetch = window.fetch.bind(window);
  window.fetch = (input, init) => {
    if (String(input).endsWith('/frames')) sent.push(performance.now());
    return pageFetch(input, init);
  };
  const log = (what, value) => {
    const last = shown.findLast((entry) => entry.what === what);
    if (!last || last.value !== value) shown.push({ what, value, at: performance.now() });
  };
  document.addEventListener('DOMContentLoaded', () => {
    const screen = document.getElementById('light-screen');
    const texts = ['instruction', 'hint'].map((id) => document.getElementById(id));
    new MutationObserver(() => {
      for (const text of texts) log(text.id, text.textContent);
      log('screen', screen.hidden ? '' : screen.style.backgroundColor);
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
})();`;

/** Runs of the same value, each with when it started and how long it lasted. */
function runs(entries: readonly Shown[]): { value: string; at: number; ms: number }[] {
  return entries.map((entry, i) => ({ value: entry.value, at: entry.at, ms: (entries[i + 1]?.at ?? NaN) - entry.at }));
}

/** The colour the sequence shows at `lightTime`. */
function colourAt(lightTime: number): string {
  const flash = ONSETS.findIndex((onset, i) => i < FLASH_RGB.length && lightTime >= onset && lightTime < ONSETS[i + 1]);
  return flash === -1 ? NEUTRAL : FLASH_RGB[flash];
}

describe('the capture page in a light step (stand-in server)', () => {
  const standIn = useStandInCapture(PHOTO);

  async function newPage(): Promise<{ page: Page; problems: string[] }> {
    const watched = await standIn.newPage();
    await watched.page.addInitScript({ content: SHOWN_LOG });
    return watched;
  }

  it('warns, then fills the screen with neutral, each colour for its duration and neutral, sending frames with X-Light-Time throughout', async () => {
    const { page, problems } = await newPage();
    const frames = await standInForFrames(page, lightStep);
    const screenshot =
      process.env.SAVE_SCREENSHOTS === '1'
        ? page.locator(`#light-screen[style*="${FLASH_RGB[1]}"]`).waitFor().then(() => page.screenshot({ path: SCREENSHOT }))
        : Promise.resolve();
    screenshot.catch(() => undefined);

    await page.goto(`${standIn.served().origin}/liveness?session=${SESSION_ID}#token=capture-token-0123456789abcdef`);
    await page.locator('#instruction', { hasText: 'Done — thank you' }).waitFor();
    await screenshot;
    const shown = await page.evaluate<Shown[]>('window.__shown');
    const sent = await page.evaluate<number[]>('window.__sent');
    const screen = runs(shown.filter((entry) => entry.what === 'screen'));
    const noticeAt = shown.find((entry) => entry.what === 'instruction' && entry.value === NOTICE)?.at ?? NaN;
    const warningAt = shown.find((entry) => entry.what === 'hint' && entry.value === WARNING)?.at ?? NaN;
    const lit = screen.find((run) => run.value === NEUTRAL)?.at ?? NaN;
    const firstFlashAt = screen.find((run) => run.value === FLASH_RGB[0])?.at ?? NaN;
    const light = frames.filter((frame) => frame.lightTime !== null);
    const times = light.map((frame) => frame.lightTime ?? NaN);
    const gaps = times.slice(1).map((time, i) => time - times[i]);

    // The notice and the warning, read out (both are aria-live) 1.5 s before anything changes colour.
    expect(warningAt).toBeCloseTo(noticeAt, -1);
    expect(lit - noticeAt).toBeGreaterThanOrEqual(1450);
    // Neutral, the four colours, neutral, then the page as it was: once, though the server sent the sequence with every answer.
    expect(screen.map((run) => run.value)).toEqual(['', NEUTRAL, ...FLASH_RGB, NEUTRAL, '']);
    expect(Math.abs(screen[1].ms - SEQUENCE.neutralMs)).toBeLessThanOrEqual(FRAME_SLACK_MS);
    // Each flash on for its duration, and at its time from the first: within a display frame.
    const onTime = (ms: number, expected: number) => (Math.abs(ms - expected) <= FRAME_SLACK_MS ? 'on time' : Math.round(ms));
    const flashes = screen.slice(2, 2 + SEQUENCE.flashes.length);
    expect(flashes.map((run, i) => onTime(run.ms, SEQUENCE.flashes[i].durationMs))).toEqual(SEQUENCE.flashes.map(() => 'on time'));
    expect(flashes.map((run, i) => onTime(run.at - firstFlashAt, ONSETS[i]))).toEqual(SEQUENCE.flashes.map(() => 'on time'));
    expect(screen[6].ms).toBeGreaterThanOrEqual(SEQUENCE.neutralMs - FRAME_SLACK_MS);

    // Frames before the step carry no X-Light-Time, one at a time; from the lead-in on every frame
    // does, and leaves without waiting for the answers to the last ones, at most 3 under way.
    expect(frames.slice(0, 3).map((frame) => [frame.lightTime, frame.unansweredBefore])).toEqual([[null, 0], [null, 0], [null, 0]]);
    expect(light).toHaveLength(frames.length - 3);
    expect(light.every((frame) => frame.unansweredBefore <= 2 && Number.isInteger(frame.lightTime))).toBe(true);
    // Negative first (the lead-in), increasing, past the trailing neutral last: the whole sequence is covered.
    expect(times[0]).toBeLessThan(0);
    expect(times[0]).toBeGreaterThanOrEqual(-SEQUENCE.neutralMs - FRAME_SLACK_MS);
    expect(gaps.every((gap) => gap > 0)).toBe(true);
    expect(times[times.length - 1]).toBeGreaterThanOrEqual(TOTAL_MS + SEQUENCE.neutralMs);
    for (const [i] of SEQUENCE.flashes.entries()) expect({ flash: i, frames: times.some((time) => time >= ONSETS[i] && time < ONSETS[i + 1]) }).toEqual({ flash: i, frames: true });
    // About 100 ms apart (less a display frame where the first flash came late), well clear of the
    // 50 ms by which the server spaces light frames, whose arrival jitters.
    expect(gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length).toBeLessThan(160);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(80);
    expect(sent).toHaveLength(frames.length);
    // Each X-Light-Time is a moment shortly before its frame left (encoding takes a few ms; the lead-in's
    // count from the schedule, up to a display frame off the first flash's actual time)…
    const grabToSend = light.map((frame, i) => Math.round(sent[3 + i] - (firstFlashAt + (frame.lightTime ?? NaN))));
    expect(grabToSend.every((ms) => ms >= -FRAME_SLACK_MS && ms <= 80)).toBe(true);
    // …and names what the screen showed then, by the page's own log.
    const onScreen = (at: number) => screen.filter((run) => run.at <= at).pop()?.value;
    const changes = [-SEQUENCE.neutralMs, ...ONSETS];
    const clearOfChanges = light.filter((frame) => changes.every((change) => Math.abs((frame.lightTime ?? NaN) - change) > FRAME_SLACK_MS));
    expect(clearOfChanges.map((frame) => onScreen(firstFlashAt + (frame.lightTime ?? NaN)))).toEqual(clearOfChanges.map((frame) => colourAt(frame.lightTime ?? NaN)));
    // And the stand-in, reading the screen as each frame arrived, saw every colour in order.
    const seen = light.map((frame) => frame.screen).filter((colour, i, all) => colour !== all[i - 1]);
    expect(seen).toEqual([NEUTRAL, ...FLASH_RGB, NEUTRAL]);
    expect(light.map((frame) => frame.shown[0])).toEqual(light.map(() => 'Hold still'));

    expect(await page.locator('#light-screen').isHidden()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('refuses to show a sequence that would change colour more than three times a second, and stops', async () => {
    const { page } = await newPage();
    const tooFast = { ...SEQUENCE, flashes: SEQUENCE.flashes.map((flash) => ({ ...flash, durationMs: 300 })) };
    const frames = await standInForFrames(page, [ok({ instruction: 'light', progress: 0.75, hint: null, light: tooFast })]);

    await page.goto(`${standIn.served().origin}/liveness?session=${SESSION_ID}#token=capture-token-0123456789abcdef`);
    await page.locator('#problem-message', { hasText: 'Something went wrong. Reload the page to try again.' }).waitFor();
    const shown = await page.evaluate<Shown[]>('window.__shown');

    expect(frames).toHaveLength(1);
    expect(shown.filter((entry) => entry.what === 'screen' && entry.value !== '')).toEqual([]);
  });
});
