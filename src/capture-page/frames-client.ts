import { parseAnswer } from './challenge-answer.js';
import type { FrameOutcome } from './challenge-io.js';
import { type ErrorBody, errorBody } from './capture-link.js';
import { LINK_REFUSALS, MESSAGES } from './messages.js';

/** Answers that end the check, by status; 429 and 5xx are handled apart, and 409 by its code. */
const STOP_MESSAGES: Readonly<Record<number, string>> = {
  ...LINK_REFUSALS,
  // Any 409 but CHALLENGE_FINISHED: the service cannot run the check at all (LIVENESS_UNAVAILABLE).
  409: MESSAGES.checkUnavailable,
  413: MESSAGES.unusablePicture,
  415: MESSAGES.unusablePicture,
  422: MESSAGES.unusablePicture,
};

/**
 * POSTs one JPEG frame with the capture token and, during the light step, its X-Light-Time (ms
 * from the first flash, see LightShow.lightTime). Never throws: every failure is an outcome.
 */
export async function postFrame(endpoint: URL, token: string, frame: Blob, lightTime: number | null): Promise<FrameOutcome> {
  const headers: Record<string, string> = { Authorization: `Bearer ${token}`, 'Content-Type': 'image/jpeg' };
  if (lightTime !== null) headers['X-Light-Time'] = String(lightTime);
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers,
      body: frame,
      cache: 'no-store',
    });
  } catch {
    return { kind: 'unreachable' };
  }
  const body: unknown = await response.json().catch(() => null);
  if (response.ok) {
    const answer = parseAnswer(body);
    return answer ? { kind: 'answer', answer } : stop(MESSAGES.unexpected, null);
  }
  return errorOutcome(response.status, response.headers.get('Retry-After'), errorBody(body));
}

function errorOutcome(status: number, retryAfter: string | null, { code, requestId: reference }: ErrorBody): FrameOutcome {
  if (status === 409 && code === 'CHALLENGE_FINISHED') return { kind: 'finished' };
  if (status === 429) {
    // Without Retry-After the frame cap is reached: no wait will help.
    const seconds = retryAfter === null ? NaN : Number(retryAfter);
    return Number.isFinite(seconds) && seconds >= 0 ? { kind: 'wait', seconds } : stop(MESSAGES.tooManyFrames, reference);
  }
  if (status >= 500) return { kind: 'unreachable' };
  return stop(STOP_MESSAGES[status] ?? MESSAGES.unexpected, reference);
}

function stop(message: string, reference: string | null): FrameOutcome {
  return { kind: 'stop', message, reference };
}
