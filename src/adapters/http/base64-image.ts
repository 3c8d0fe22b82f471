import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Image } from '../../domain/image.js';

const DATA_URL_PREFIX = /^data:image\/(?:jpeg|jpg|png);base64,/;
// One flat character class: linear time and no backtracking on multi-megabyte strings.
const BASE64_BODY = /^[A-Za-z0-9+/]*={0,2}$/;

function stripDataUrl(payload: string): string {
  return payload.replace(DATA_URL_PREFIX, '');
}

/** Standard base64 (RFC 4648 §4, padded, no whitespace or URL-safe alphabet), optionally as a data URL. */
export function isBase64Image(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const body = stripDataUrl(value);
  return body.length > 0 && body.length % 4 === 0 && BASE64_BODY.test(body);
}

export function IsBase64Image(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isBase64Image',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: '$property must be a base64-encoded JPEG or PNG (a data:image/...;base64, prefix is allowed)', ...options },
      validator: { validate: isBase64Image },
    });
}

/** Turns a payload that passed `IsBase64Image` into a domain image (format sniffed, size bounded). */
export function imageFromPayload(payload: string, field: string, maxBytes: number): Image {
  return Image.fromBytes(Buffer.from(stripDataUrl(payload), 'base64'), field, maxBytes);
}
