/**
 * Errors the domain and its ports raise. Each carries a stable `code`; the HTTP layer maps codes to
 * status codes in one table, so nothing here knows about HTTP.
 */
export abstract class DomainError extends Error {
  abstract readonly code: string;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

export class SessionNotFound extends DomainError {
  readonly code = 'SESSION_NOT_FOUND';
  constructor(sessionId: string) {
    super(`Session ${sessionId} does not exist.`);
  }
}

export class IdempotencyConflict extends DomainError {
  readonly code = 'IDEMPOTENCY_CONFLICT';
  constructor() {
    super('This clientRequestToken was already used with a different request body.');
  }
}

export class UnsupportedImageFormat extends DomainError {
  readonly code = 'UNSUPPORTED_IMAGE_FORMAT';
  constructor(field: string) {
    super(`${field} is neither a JPEG nor a PNG image.`);
  }
}

/** An animated or multi-frame picture: a different kind of media than the still photo expected. */
export class AnimatedImage extends DomainError {
  readonly code = 'ANIMATED_IMAGE';
  constructor(field: string) {
    super(`${field} is an animated image; send a single still JPEG or PNG.`);
  }
}

export class ImageTooLarge extends DomainError {
  readonly code = 'IMAGE_TOO_LARGE';
}

export class InvalidImage extends DomainError {
  readonly code = 'INVALID_IMAGE';
}

export class NoFaceFound extends DomainError {
  readonly code = 'NO_FACE_FOUND';
  constructor(readonly field: string) {
    super(`No face was found in ${field}.`);
  }
}

/** The engine or storage cannot serve right now (still loading, overloaded, disk unavailable). */
export class ServiceUnavailable extends DomainError {
  readonly code = 'SERVICE_UNAVAILABLE';
}

/** A remote face provider refuses for now (throttling, exhausted throughput); retry after the delay. */
export class ProviderThrottled extends DomainError {
  readonly code = 'PROVIDER_THROTTLED';
  constructor(readonly retryAfterSeconds: number) {
    super(`The face provider is busy; retry after ${retryAfterSeconds} seconds.`);
  }
}

/** A remote face provider failed in a way the caller cannot fix. Its own message stays in the logs. */
export class ProviderFailed extends DomainError {
  readonly code = 'PROVIDER_FAILED';
  constructor() {
    super('The face provider failed to answer; quote the requestId when reporting this.');
  }
}

/** A frame for a liveness challenge that has already passed or failed. */
export class ChallengeFinished extends DomainError {
  readonly code = 'CHALLENGE_FINISHED';
  constructor() {
    super('This liveness challenge is over; it takes no more frames.');
  }
}

/**
 * A frame beyond the challenge's frame cap, or too soon after the previous one. `retryAfterMs` is
 * null when the cap is reached: waiting will not help.
 */
export class TooManyFrames extends DomainError {
  readonly code = 'TOO_MANY_FRAMES';
  /** @param retryAfterSeconds when the next frame may come; null when no wait lifts the cap. */
  constructor(readonly retryAfterSeconds: number | null) {
    super(
      retryAfterSeconds === null
        ? 'This liveness challenge has received all the frames it accepts.'
        : `Frames are coming too fast; send the next one in ${Math.round(retryAfterSeconds * 1000)} ms or later.`,
    );
  }
}

/** A frame of the light step without a usable X-Light-Time: missing, not a number, out of range or not increasing. */
export class InvalidLightTime extends DomainError {
  readonly code = 'INVALID_LIGHT_TIME';
  constructor(problem: string) {
    super(`During the light step each frame needs X-Light-Time, its capture time in ms from the first flash's start: ${problem}.`);
  }
}

/** A capture token this service did not issue, or whose session's capture time is over. */
export class CaptureTokenInvalid extends DomainError {
  readonly code = 'CAPTURE_TOKEN_INVALID';
  constructor(reason: 'unknown' | 'expired' = 'unknown') {
    super(reason === 'expired' ? 'This capture link has expired; ask for a new session.' : 'A valid "Authorization: Bearer <capture token>" header is required.');
  }
}

/** A valid capture token, sent for a session other than its own. */
export class CaptureTokenForOtherSession extends DomainError {
  readonly code = 'CAPTURE_TOKEN_OTHER_SESSION';
  constructor() {
    super('This capture token belongs to another session.');
  }
}

/** The embedded liveness check cannot run in this configuration (FACE_PROVIDER=rekognition). */
export class LivenessUnavailable extends DomainError {
  readonly code = 'LIVENESS_UNAVAILABLE';
  constructor() {
    super('The embedded liveness check is not available with this face provider.');
  }
}

/** A returnUrl outside the configured allowed origins: the capture page would send users anywhere. */
export class ReturnUrlNotAllowed extends DomainError {
  readonly code = 'RETURN_URL_NOT_ALLOWED';
  constructor() {
    super('returnUrl must be an http(s) URL on one of the origins in RETURN_URL_ORIGINS.');
  }
}

/** No such picture on this session: never taken, or not shown because the session did not succeed. */
export class SessionImageNotFound extends DomainError {
  readonly code = 'SESSION_IMAGE_NOT_FOUND';
  constructor() {
    super('This session has no such image.');
  }
}

/** FACE_PROVIDER=rekognition without what Rekognition Face Liveness needs here (STORAGE=s3, AWS_REGION, COGNITO_IDENTITY_POOL_ID). */
export class ProviderLivenessNotConfigured extends DomainError {
  readonly code = 'PROVIDER_LIVENESS_NOT_CONFIGURED';
  constructor() {
    super('Rekognition Face Liveness is not configured on this server: it needs STORAGE=s3, AWS_REGION and COGNITO_IDENTITY_POOL_ID.');
  }
}
