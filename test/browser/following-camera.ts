import { followingPose, type Instruction } from '../support/liveness-driver.js';
import type { Person } from '../support/synthetic-frames.js';

/** The head moves a follower makes, each shown half-way, then fully. */
const MOVES = ['turn_left', 'turn_right', 'look_up'] as const;

/** Everything a person who follows the instructions shows the camera, rendered before the page loads. */
export interface FollowerPictures {
  readonly frontal: Uint8Array;
  readonly moves: Readonly<Record<(typeof MOVES)[number], readonly [halfWay: Uint8Array, there: Uint8Array]>>;
  readonly closedEyes: Uint8Array;
}

/** `person`'s pictures for each instruction, in the poses liveness-driver.ts' follower holds. */
export async function renderFollower(person: Person, seed: number): Promise<FollowerPictures> {
  const picture = (instruction: Instruction, sinceInstruction: number) => person.render(followingPose({ instruction, sinceInstruction, index: 0 }), seed);
  const [frontal, closedEyes, ...moves] = await Promise.all([
    picture('center_face', 0),
    picture('blink', 1),
    ...MOVES.flatMap((move) => [picture(move, 1), picture(move, 2)]),
  ]);
  return {
    frontal,
    closedEyes,
    moves: { turn_left: [moves[0], moves[1]], turn_right: [moves[2], moves[3]], look_up: [moves[4], moves[5]] },
  };
}

/** The follower's pace, from the moment the page has an answer with a new instruction. */
export const FOLLOWER_TIMING = {
  /** Still frontal while reading the instruction. */
  reactionMs: 250,
  /** Then half-way for this long, then there. */
  halfWayMs: 200,
  /**
   * A blink: eyes closed this long from the end of the reaction time, and again after each period
   * until the instruction changes, as someone whose blink went unseen would. The page sends a
   * frame every 200 ms on an idle machine and up to every second on a busy one: a single closure,
   * or a period that is a multiple of the page's, was missed in about half the runs.
   */
  eyesClosedMs: 300,
  blinkAgainMs: 700,
} as const;

const base64 = (jpeg: Uint8Array) => Buffer.from(jpeg).toString('base64');

/**
 * How the follower's face takes the light of the capture page's light screen: each channel of the
 * picture is multiplied by 1 − gain + gain × the screen's (sRGB, 0–1), so the neutral grey changes
 * no colour, only brightness; the face's oval by faceGain, everything else by backgroundGain (and
 * the face by both). The screen's colour is read from the page each drawing, as it was delayMs
 * before: a camera's delay. null: no light at all, as a replay shows.
 */
export interface ScreenLight {
  readonly faceGain: number;
  readonly backgroundGain: number;
  readonly delayMs: number;
}

/** A face near a bright screen: about 15 % of the room's light on the skin (in linear light), 4 × less behind. */
export const NEAR_SCREEN: ScreenLight = { faceGain: 0.08, backgroundGain: 0.02, delayMs: 100 };

/**
 * A page init script that replaces the camera (navigator.mediaDevices.getUserMedia) with a canvas
 * stream showing `pictures` as a follower would: it wraps window.fetch to read each answer of the
 * frames route, and draws, 30 times a second, the picture for the last instruction and the time
 * since it came. Every drawing moves the picture by a fraction of a pixel and lays a faint,
 * random veil over it: a camera never delivers the same frame twice, and the server refuses
 * repeated ones. With `light`, the face takes the capture page's light screen (ScreenLight).
 * `window.__followingCamera.seen` lists the instructions answered, without repeats, and
 * `window.__followingCamera.lightTimes` the X-Light-Time of each frame sent, in sending order.
 */
export function followingCameraScript(pictures: FollowerPictures, light: ScreenLight | null = null): string {
  const jpegs = {
    frontal: base64(pictures.frontal),
    closedEyes: base64(pictures.closedEyes),
    moves: Object.fromEntries(MOVES.map((move) => [move, pictures.moves[move].map(base64)])),
  };
  return `(() => {
  const JPEGS = ${JSON.stringify(jpegs)};
  const TIMING = ${JSON.stringify(FOLLOWER_TIMING)};
  const LIGHT = ${JSON.stringify(light)};
  const WIDTH = 640;
  const HEIGHT = 480;
  const FPS = 30;
  const bitmap = (jpeg) => createImageBitmap(new Blob([Uint8Array.from(atob(jpeg), (c) => c.charCodeAt(0))], { type: 'image/jpeg' }));
  const loading = Promise.all([bitmap(JPEGS.frontal), bitmap(JPEGS.closedEyes), ...Object.entries(JPEGS.moves).map(([move, pair]) => Promise.all(pair.map(bitmap)).then((loaded) => [move, loaded]))]);

  const seen = [];
  const lightTimes = [];
  window.__followingCamera = { seen, lightTimes };
  let current = { instruction: 'center_face', at: performance.now() };

  const pageFetch = window.fetch.bind(window);
  window.fetch = async (input, init) => {
    const lightTime = new Headers(init && init.headers).get('X-Light-Time');
    if (lightTime !== null) lightTimes.push(Number(lightTime));
    const response = await pageFetch(input, init);
    const url = new URL(input instanceof Request ? input.url : String(input), location.href);
    if (response.ok && url.pathname.endsWith('/frames')) {
      const answer = await response.clone().json().catch(() => null);
      if (answer && typeof answer.instruction === 'string') {
        if (seen.at(-1) !== answer.instruction) seen.push(answer.instruction);
        if (answer.instruction !== current.instruction) current = { instruction: answer.instruction, at: performance.now() };
      }
    }
    return response;
  };

  navigator.mediaDevices.getUserMedia = async () => {
    const [frontal, closedEyes, ...moves] = await loading;
    const moving = Object.fromEntries(moves);
    const picture = () => {
      const elapsed = performance.now() - current.at - TIMING.reactionMs;
      if (current.instruction === 'blink') return elapsed >= 0 && elapsed % TIMING.blinkAgainMs < TIMING.eyesClosedMs ? closedEyes : frontal;
      const move = moving[current.instruction];
      if (!move || elapsed < 0) return frontal;
      return elapsed < TIMING.halfWayMs ? move[0] : move[1];
    };
    const canvas = document.createElement('canvas');
    canvas.width = WIDTH;
    canvas.height = HEIGHT;
    const context = canvas.getContext('2d');
    // The light screen's colour at each drawing, for the camera's delay: [at, [r, g, b] 0–1 or null].
    const screenColours = [];
    const screenColour = () => {
      const screen = document.getElementById('light-screen');
      const rgb = screen && !screen.hidden ? screen.style.backgroundColor.match(/\\d+/g) : null;
      const now = performance.now();
      screenColours.push([now, rgb ? rgb.slice(0, 3).map((code) => Number(code) / 255) : null]);
      while (screenColours.length > 1 && screenColours[1][0] <= now - LIGHT.delayMs) screenColours.shift();
      return screenColours[0][0] <= now - LIGHT.delayMs ? screenColours[0][1] : null;
    };
    const tint = (rgb, gain) => 'rgb(' + rgb.map((c) => Math.round(255 * (1 - gain + gain * c))).join(',') + ')';
    const light = () => {
      const rgb = LIGHT && screenColour();
      if (!rgb) return;
      context.globalCompositeOperation = 'multiply';
      context.fillStyle = tint(rgb, LIGHT.backgroundGain);
      context.fillRect(0, 0, WIDTH, HEIGHT);
      context.fillStyle = tint(rgb, LIGHT.faceGain);
      context.beginPath();
      context.ellipse(WIDTH / 2, HEIGHT / 2, WIDTH * 0.2, HEIGHT * 0.36, 0, 0, 2 * Math.PI);
      context.fill();
      context.globalCompositeOperation = 'source-over';
    };
    const draw = () => {
      context.globalAlpha = 1;
      context.drawImage(picture(), Math.random() - 0.5, Math.random() - 0.5, WIDTH, HEIGHT);
      light();
      context.globalAlpha = 0.01 + Math.random() * 0.02;
      context.fillStyle = Math.random() < 0.5 ? 'black' : 'white';
      context.fillRect(0, 0, WIDTH, HEIGHT);
    };
    draw();
    setInterval(draw, 1000 / FPS);
    return canvas.captureStream(FPS);
  };
})();`;
}
