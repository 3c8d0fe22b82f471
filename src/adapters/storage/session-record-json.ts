import { ServiceUnavailable } from '../../domain/domain.errors.js';
import { Session, type SessionRecord, type StoredSessionStatus } from '../../domain/session.js';

const STATUSES: readonly unknown[] = ['created', 'processing', 'succeeded', 'failed'] satisfies StoredSessionStatus[];

const isString = (value: unknown): value is string => typeof value === 'string';
const isStringOrNull = (value: unknown): boolean => value === null || isString(value);
const isNumberOrNull = (value: unknown): boolean => value === null || Number.isFinite(value);
const isInstant = (value: unknown): value is string => isString(value) && !Number.isNaN(Date.parse(value));

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
    isInstant(r.expiresAt);
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

export function serializeSessionRecord(record: SessionRecord): Uint8Array {
  return new TextEncoder().encode(`${JSON.stringify(record, null, 2)}\n`);
}
