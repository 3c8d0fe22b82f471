import { ServiceUnavailable } from '../../domain/domain.errors.js';
import { CHALLENGE_KINDS } from '../../domain/liveness/challenge-options.js';
import { Session, type SessionRecord, type StoredSessionStatus } from '../../domain/session.js';

const STATUSES: readonly unknown[] = ['created', 'processing', 'succeeded', 'failed'] satisfies StoredSessionStatus[];

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): boolean => value === null || isString(value);
const isNumberOrNull = (value: unknown): boolean => value === null || Number.isFinite(value);
const isInstant = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));
const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isStoredFace = (value: unknown): boolean => isObject(value) && isString(value.key) && isObject(value.boundingBox);
/** Fields a record written before liveness existed lacks: absent reads as "none yet". */
const absentOr = (value: unknown, valid: (value: unknown) => boolean): boolean => value === undefined || valid(value);

/**
 * The record in `text`, or null when it is not valid JSON of the right shape (a damaged file must
 * surface as an error, never as a half-filled session). Unknown fields are dropped.
 */
export function parseSessionRecord(text: string): SessionRecord | null {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof value !== 'object' || value === null) return null;
  const r = value as { [K in keyof SessionRecord]: unknown };
  const valid =
    isString(r.id) &&
    isString(r.clientRequestToken) &&
    isString(r.requestFingerprint) &&
    STATUSES.includes(r.status) &&
    isNumberOrNull(r.comparisonResult) &&
    isNumberOrNull(r.confidence) &&
    isStringOrNull(r.referenceImageKey) &&
    isInstant(r.createdAt) &&
    isInstant(r.expiresAt) &&
    absentOr(r.captureExpiresAt, (value) => value === null || isInstant(value)) &&
    absentOr(r.returnUrl, isStringOrNull) &&
    absentOr(r.challenge, (value) => (CHALLENGE_KINDS as readonly unknown[]).includes(value)) &&
    // The liveness record is the check's own working state: its shape is the domain's to read.
    absentOr(r.liveness, (value) => value === null || (isObject(value) && isObject(value.challenge) && isObject(value.evidence))) &&
    absentOr(r.reasons, (value) => Array.isArray(value) && value.every(isString)) &&
    absentOr(r.liveReference, (value) => value === null || isStoredFace(value)) &&
    absentOr(r.auditImages, (value) => Array.isArray(value) && value.every(isStoredFace)) &&
    absentOr(r.providerSessionId, isStringOrNull);
  if (!valid) return null;
  const record = value as SessionRecord;
  return {
    id: record.id,
    clientRequestToken: record.clientRequestToken,
    requestFingerprint: record.requestFingerprint,
    status: record.status,
    comparisonResult: record.comparisonResult,
    confidence: record.confidence,
    referenceImageKey: record.referenceImageKey,
    createdAt: record.createdAt,
    expiresAt: record.expiresAt,
    captureExpiresAt: record.captureExpiresAt ?? null,
    returnUrl: record.returnUrl ?? null,
    // Absent on records written before the light challenge: the session reads it as movement.
    ...(record.challenge !== undefined && { challenge: record.challenge }),
    liveness: record.liveness ?? null,
    reasons: record.reasons ?? [],
    liveReference: record.liveReference ?? null,
    auditImages: record.auditImages ?? [],
    // Absent until a liveness provider's session is opened, and on records written before providers.
    ...(record.providerSessionId !== undefined && { providerSessionId: record.providerSessionId }),
  };
}

/**
 * The session stored as `bytes` under `id`.
 * @throws ServiceUnavailable when the record is damaged or names another id: never a half-read session.
 */
export function parseStoredSession(bytes: Uint8Array, id: string): Session {
  const record = parseSessionRecord(new TextDecoder().decode(bytes));
  if (record === null || record.id !== id) {
    throw new ServiceUnavailable(`storage is damaged: session ${id} cannot be read`);
  }
  return Session.fromRecord(record);
}

/** Compact: a session under way carries two face meshes of 1404 numbers each. */
export function serializeSessionRecord(record: SessionRecord): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record)}\n`);
}
