import { randomBytes } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, IsBoolean, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, validateSync, ValidateBy, ValidateIf } from 'class-validator';
import { CHALLENGE_KINDS, type ChallengeKind } from '../domain/liveness/challenge-options.js';

export const ENVIRONMENTS = ['development', 'staging', 'production'] as const;
export const FACE_PROVIDERS = ['embedded', 'rekognition'] as const;
export const STORAGES = ['fs', 's3'] as const;
/** Who authenticates callers: this app (`token`), or API Gateway in front of it (the others). */
export const AUTH_MODES = ['token', 'apikey', 'cognito', 'iam'] as const;
export const QUALITY_FILTERS = ['NONE', 'AUTO', 'LOW', 'MEDIUM', 'HIGH'] as const;

const MIB = 1024 * 1024;
const MIN_TOKEN_LENGTH = 32;

const toNumber = ({ value }: { value: unknown }) => Number(value);
const toBool = ({ value }: { value: unknown }) => (value === 'true' ? true : value === 'false' ? false : value);
const toList = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.split(',').map((item) => item.trim()).filter(Boolean) : value);

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** Exactly what a browser sends in `Origin` (scheme, lower-case host, optional port), or CORS would never match it. */
const isOrigin = {
  name: 'isOrigin',
  validator: {
    validate: (value: unknown) => typeof value === 'string' && URL.canParse(value) && /^https?:$/.test(new URL(value).protocol) && new URL(value).origin === value,
    defaultMessage: () => '$property must list origins such as https://app.example (scheme, host, optional port; no path or trailing slash)',
  },
};

/**
 * Rekognition Face Liveness runs where FACE_PROVIDER is rekognition and STORAGE is s3 (Rekognition
 * writes its images to the images bucket): its capture page needs AWS_REGION and
 * COGNITO_IDENTITY_POOL_ID there, except in development. With rekognition a variable that is set is
 * checked anyway; the embedded engine ignores both.
 */
const neededForRekognitionCapture = (name: 'AWS_REGION' | 'COGNITO_IDENTITY_POOL_ID') => (env: EnvironmentVariables) =>
  env.FACE_PROVIDER === 'rekognition' && ((env.STORAGE === 's3' && env.ENVIRONMENT !== 'development') || env[name] !== undefined);
const REKOGNITION_CAPTURE_NEEDS = 'is required when FACE_PROVIDER is rekognition and STORAGE is s3, outside development';

/**
 * The environment variables facecheck reads, with their defaults; the README's table lists the same.
 * The type check sits nearest each property because class-validator runs a property's decorators
 * bottom-up and `stopAtFirstError` then reports the most basic problem.
 */
class EnvironmentVariables {
  @IsIn(ENVIRONMENTS)
  ENVIRONMENT: (typeof ENVIRONMENTS)[number] = 'development';

  @IsString() HOST = '127.0.0.1';

  @Max(65535) @Min(0) @IsInt() @Transform(toNumber) PORT = 3000;

  /** Optional in development only, where a random one is generated and shown once. */
  @ValidateIf((env: EnvironmentVariables) => (env.ENVIRONMENT !== 'development' && env.AUTH_MODE === 'token') || env.API_TOKEN !== undefined)
  @MaxLength(512)
  @MinLength(MIN_TOKEN_LENGTH, { message: `API_TOKEN must be at least ${MIN_TOKEN_LENGTH} characters` })
  @IsString({ message: 'API_TOKEN is required in staging and production when AUTH_MODE is token' })
  API_TOKEN?: string;

  @IsIn(FACE_PROVIDERS) FACE_PROVIDER: (typeof FACE_PROVIDERS)[number] = 'embedded';
  @IsIn(STORAGES) STORAGE: (typeof STORAGES)[number] = 'fs';
  @IsIn(AUTH_MODES) AUTH_MODE: (typeof AUTH_MODES)[number] = 'token';

  @ValidateIf((env: EnvironmentVariables) => env.STORAGE === 's3')
  @IsString({ message: 'IMAGES_BUCKET is required when STORAGE is s3' })
  IMAGES_BUCKET?: string;
  @ValidateIf((env: EnvironmentVariables) => env.STORAGE === 's3')
  @IsString({ message: 'SESSIONS_BUCKET is required when STORAGE is s3' })
  SESSIONS_BUCKET?: string;
  /** Buckets encrypted with a customer KMS key: every put names it. Unset: S3-managed keys (AES256). */
  @IsOptional() @IsString() KMS_KEY_ID?: string;
  @IsIn(QUALITY_FILTERS) REKOGNITION_QUALITY_FILTER: (typeof QUALITY_FILTERS)[number] = 'AUTO';
  /** The Face Liveness confidence (0–1) a Rekognition session needs to succeed: AWS leaves the line to the caller. */
  @Max(1) @Min(0) @IsNumber() @Transform(toNumber) REKOGNITION_LIVENESS_THRESHOLD = 0.5;
  /** Set by Lambda to the region the function runs in; the capture page's Rekognition client streams there. */
  @ValidateIf(neededForRekognitionCapture('AWS_REGION'))
  @Matches(/^[a-z]{2}(-[a-z]+)+-\d+$/, { message: 'AWS_REGION must name a region, such as eu-west-1' })
  @IsString({ message: `AWS_REGION ${REKOGNITION_CAPTURE_NEEDS}` })
  AWS_REGION?: string;
  /** The Cognito identity pool whose unauthenticated identities may start a Face Liveness session (template.yaml creates it). */
  @ValidateIf(neededForRekognitionCapture('COGNITO_IDENTITY_POOL_ID'))
  @Matches(/^[a-z]{2}(-[a-z]+)+-\d+:[0-9a-f-]+$/, { message: 'COGNITO_IDENTITY_POOL_ID must be an identity pool id, such as eu-west-1:0f8e2a9c-4b7d-4a55-9d1e-6f0c3b2a1e90' })
  @IsString({ message: `COGNITO_IDENTITY_POOL_ID ${REKOGNITION_CAPTURE_NEEDS}` })
  COGNITO_IDENTITY_POOL_ID?: string;
  @IsString() @MinLength(1) DATA_DIR = './data';

  @Min(1) @IsInt() @Transform(toNumber) RATE_LIMIT = 10;
  @Min(1) @IsInt() @Transform(toNumber) BURST_LIMIT = 20;
  @Min(1) @IsInt() @Transform(toNumber) MONTH_LIMIT = 100_000;

  @Max(64) @Min(1) @IsInt() @Transform(toNumber) WORKER_POOL_SIZE = availableParallelism();
  @Min(1024) @IsInt() @Transform(toNumber) MAX_IMAGE_BYTES = 5 * MIB;
  @Min(64 * 64) @IsInt() @Transform(toNumber) MAX_IMAGE_PIXELS = 25_000_000;
  @Min(10) @IsInt() @Transform(toNumber) SESSION_TTL_SECONDS = 600;
  /** Sessions and stored images older than this are deleted by the retention sweep. */
  @Max(24 * 365) @Min(1) @IsInt() @Transform(toNumber) RETENTION_HOURS = 24;
  /** On SIGTERM or SIGINT, how long requests in flight may take to finish before their connections are cut. */
  @Max(3600) @Min(0) @IsInt() @Transform(toNumber) SHUTDOWN_GRACE_SECONDS = 10;
  @IsBoolean() @Transform(toBool) STORE_COMPARE_IMAGES = false;

  @IsOptional() @Max(1) @Min(0) @IsNumber() @Transform(toNumber) MATCH_THRESHOLD?: number;

  @IsIn(LOG_LEVELS) LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';
  /** Comma-separated; none (the default) leaves CORS off, so browsers on other origins cannot call. */
  @ValidateBy(isOrigin, { each: true }) @Transform(toList) CORS_ORIGINS: string[] = [];

  @Max(3600) @Min(30) @IsInt() @Transform(toNumber) CAPTURE_TOKEN_TTL_SECONDS = 300;
  @IsOptional() @MaxLength(512) @MinLength(MIN_TOKEN_LENGTH, { message: `CAPTURE_TOKEN_SECRET must be at least ${MIN_TOKEN_LENGTH} characters` }) @IsString()
  CAPTURE_TOKEN_SECRET?: string;
  @ValidateBy(isOrigin, { each: true }) @Transform(toList) RETURN_URL_ORIGINS: string[] = [];
  @IsOptional() @ValidateBy(isOrigin) PUBLIC_BASE_URL?: string;
  @Max(4) @Min(0) @IsInt() @Transform(toNumber) AUDIT_IMAGES = 2;
  @Max(6) @Min(1) @IsInt() @Transform(toNumber) LIVENESS_STEPS = 3;
  /** The movement steps alone, or followed by the light sequence (issue 7). */
  @IsIn(CHALLENGE_KINDS) LIVENESS_CHALLENGE: ChallengeKind = 'movementAndLight';
  @Max(1000) @Min(20) @IsInt() @Transform(toNumber) LIVENESS_MAX_FRAMES = 300;
  @Min(1024) @IsInt() @Transform(toNumber) MAX_FRAME_BYTES = MIB;
  @Min(64 * 64) @IsInt() @Transform(toNumber) MAX_FRAME_PIXELS = 1280 * 960;
}

/** The validated configuration; also the injection token the modules ask for. */
export abstract class AppConfig {
  abstract readonly environment: (typeof ENVIRONMENTS)[number];
  abstract readonly host: string;
  abstract readonly port: number;
  abstract readonly apiToken: string;
  /** True when development generated the token at start-up, so it must be shown once. */
  abstract readonly apiTokenGenerated: boolean;
  abstract readonly faceProvider: (typeof FACE_PROVIDERS)[number];
  abstract readonly storage: (typeof STORAGES)[number];
  abstract readonly authMode: (typeof AUTH_MODES)[number];
  abstract readonly dataDir: string;
  /** Set when STORAGE is s3. */
  abstract readonly s3: { readonly imagesBucket: string; readonly sessionsBucket: string; readonly kmsKeyId: string | undefined } | null;
  abstract readonly rekognition: {
    readonly qualityFilter: (typeof QUALITY_FILTERS)[number];
    /** REKOGNITION_LIVENESS_THRESHOLD: the confidence a Rekognition liveness check needs to succeed. */
    readonly livenessThreshold: number;
    /** What the capture page's Face Liveness client needs; null unless AWS_REGION and COGNITO_IDENTITY_POOL_ID are both set. */
    readonly capture: { readonly region: string; readonly identityPoolId: string } | null;
  };
  abstract readonly rateLimit: { readonly perSecond: number; readonly burst: number; readonly perMonth: number };
  abstract readonly workerPoolSize: number;
  abstract readonly maxImageBytes: number;
  abstract readonly maxImagePixels: number;
  /** JSON body cap: two images at the byte limit, base64-encoded, plus room for the JSON around them. */
  abstract readonly bodyLimitBytes: number;
  abstract readonly sessionTtlSeconds: number;
  abstract readonly retentionHours: number;
  abstract readonly shutdownGraceSeconds: number;
  abstract readonly storeCompareImages: boolean;
  abstract readonly matchThreshold: number | undefined;
  abstract readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Browser origins allowed by CORS; empty: CORS is off. */
  abstract readonly corsOrigins: readonly string[];
  abstract readonly liveness: LivenessConfig;
}

export interface LivenessConfig {
  readonly captureTtlSeconds: number;
  /** Key of the capture tokens' HMAC; random per process unless CAPTURE_TOKEN_SECRET is set. */
  readonly captureSecret: string;
  /** Origins a session's returnUrl may point to; empty: no returnUrl accepted. */
  readonly returnUrlOrigins: readonly string[];
  /** Prefix that makes captureUrl absolute; unset: captureUrl is a path on this service. */
  readonly publicBaseUrl: string | null;
  readonly auditImages: number;
  readonly steps: number;
  /** The challenge new sessions run; a session keeps the one it was created with. */
  readonly challenge: ChallengeKind;
  readonly maxFrames: number;
  readonly maxFrameBytes: number;
  readonly maxFramePixels: number;
}

export class InvalidConfiguration extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
}

/** Every environment variable loadConfig reads: the ones EnvironmentVariables validates. */
export function configVariableNames(): string[] {
  const rules = getMetadataStorage().getTargetValidationMetadatas(EnvironmentVariables, '', false, false);
  return [...new Set(rules.map((rule) => rule.propertyName))];
}

/** Reads and validates the environment once; every bad variable gets its own line in the error. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): AppConfig {
  // An empty variable counts as unset, as in most shells' `VAR= command` idiom.
  const set = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value !== ''));
  const vars = plainToInstance(EnvironmentVariables, set, { exposeDefaultValues: true });
  const errors = validateSync(vars, { stopAtFirstError: true });
  if (errors.length > 0) {
    throw new InvalidConfiguration(errors.flatMap((e) => Object.values(e.constraints ?? {}).map((c) => `${e.property}: ${c}`)));
  }
  const generated = vars.API_TOKEN === undefined;
  return {
    environment: vars.ENVIRONMENT,
    host: vars.HOST,
    port: vars.PORT,
    apiToken: vars.API_TOKEN ?? randomBytes(24).toString('base64url'),
    apiTokenGenerated: generated,
    faceProvider: vars.FACE_PROVIDER,
    storage: vars.STORAGE,
    authMode: vars.AUTH_MODE,
    dataDir: vars.DATA_DIR,
    s3:
      vars.STORAGE === 's3' && vars.IMAGES_BUCKET && vars.SESSIONS_BUCKET
        ? { imagesBucket: vars.IMAGES_BUCKET, sessionsBucket: vars.SESSIONS_BUCKET, kmsKeyId: vars.KMS_KEY_ID }
        : null,
    rekognition: {
      qualityFilter: vars.REKOGNITION_QUALITY_FILTER,
      livenessThreshold: vars.REKOGNITION_LIVENESS_THRESHOLD,
      capture: vars.FACE_PROVIDER === 'rekognition' && vars.AWS_REGION && vars.COGNITO_IDENTITY_POOL_ID ? { region: vars.AWS_REGION, identityPoolId: vars.COGNITO_IDENTITY_POOL_ID } : null,
    },
    rateLimit: { perSecond: vars.RATE_LIMIT, burst: vars.BURST_LIMIT, perMonth: vars.MONTH_LIMIT },
    workerPoolSize: vars.WORKER_POOL_SIZE,
    maxImageBytes: vars.MAX_IMAGE_BYTES,
    maxImagePixels: vars.MAX_IMAGE_PIXELS,
    bodyLimitBytes: Math.ceil((2 * vars.MAX_IMAGE_BYTES * 4) / 3) + 64 * 1024,
    sessionTtlSeconds: vars.SESSION_TTL_SECONDS,
    retentionHours: vars.RETENTION_HOURS,
    shutdownGraceSeconds: vars.SHUTDOWN_GRACE_SECONDS,
    storeCompareImages: vars.STORE_COMPARE_IMAGES,
    matchThreshold: vars.MATCH_THRESHOLD,
    logLevel: vars.LOG_LEVEL,
    corsOrigins: vars.CORS_ORIGINS,
    liveness: {
      captureTtlSeconds: vars.CAPTURE_TOKEN_TTL_SECONDS,
      // A per-process key is enough for one server: a restart only voids capture links under way.
      captureSecret: vars.CAPTURE_TOKEN_SECRET ?? randomBytes(32).toString('base64url'),
      returnUrlOrigins: vars.RETURN_URL_ORIGINS,
      publicBaseUrl: vars.PUBLIC_BASE_URL ?? null,
      auditImages: vars.AUDIT_IMAGES,
      steps: vars.LIVENESS_STEPS,
      challenge: vars.LIVENESS_CHALLENGE,
      maxFrames: vars.LIVENESS_MAX_FRAMES,
      maxFrameBytes: vars.MAX_FRAME_BYTES,
      maxFramePixels: vars.MAX_FRAME_PIXELS,
    },
  };
}
