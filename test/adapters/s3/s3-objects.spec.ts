import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { S3Objects } from '../../../src/adapters/s3/s3-objects.js';
import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { s3Error, useMockedS3 } from './s3-mock.js';

const BUCKET = 'secret-bucket';
const KEY = 'sessions/x.json';

describe('S3Objects', () => {
  const { client, stub: s3 } = useMockedS3();
  const objects = new S3Objects(client, BUCKET);

  it.each([
    ['SlowDown', 503],
    ['InternalError', 500],
    ['ServiceUnavailable', 503],
    ['ThrottlingException', 400],
    ['TooManyRequests', 429],
  ])('turns %s (HTTP %i) into ServiceUnavailable without the SDK message, bucket or key', async (name, status) => {
    const error = s3Error(name, status);
    s3.on(GetObjectCommand).rejects(error);

    const failure: unknown = await objects.get(KEY).catch((e: unknown) => e);

    expect(failure).toEqual(new ServiceUnavailable(`storage is unavailable: ${name}`));
    for (const secret of [error.message, BUCKET, KEY]) expect((failure as Error).message).not.toContain(secret);
  });

  it.each([
    ['AccessDenied', 403],
    ['NoSuchBucket', 404],
  ])('turns %s into ServiceUnavailable saying the storage is not accessible', async (name, status) => {
    s3.on(PutObjectCommand).rejects(s3Error(name, status));

    await expect(objects.put(KEY, new Uint8Array([1]))).rejects.toThrow(
      new ServiceUnavailable(`storage is not accessible: ${name}`),
    );
  });

  it('passes a client error that is a bug (400 InvalidArgument) through unchanged', async () => {
    const invalid = s3Error('InvalidArgument', 400);
    s3.on(DeleteObjectCommand).rejects(invalid);

    await expect(objects.delete(KEY)).rejects.toBe(invalid);
  });

  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'ENOTFOUND'])(
    'reports a socket error %s as ServiceUnavailable naming only its code',
    async (code) => {
      // The shape the SDK throws in Node when S3 cannot be reached: the socket error, no HTTP status.
      // (Under Jest's VM the SDK wraps such cross-realm errors and drops `code`, so it is mocked here.)
      const refused = Object.assign(new Error(`connect ${code} 52.95.0.1:443 (${BUCKET})`), { code, $metadata: { attempts: 3 } });
      s3.on(GetObjectCommand).rejects(refused);

      await expect(objects.get(KEY)).rejects.toThrow(new ServiceUnavailable(`storage is unreachable: ${code}`));
    },
  );

  it('reads a missing key (NoSuchKey) as null', async () => {
    s3.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));

    await expect(objects.get(KEY)).resolves.toBeNull();
  });

  it.each([
    ['PreconditionFailed', 412],
    ['ConditionalRequestConflict', 409],
    ['NoSuchKey', 404],
  ])('reports a conditional put refused with %s as not written', async (name, status) => {
    s3.on(PutObjectCommand).rejects(s3Error(name, status));

    await expect(objects.putIf(KEY, new Uint8Array([1]), { ifMatch: '"abc"' })).resolves.toBe(false);
  });

  it('still maps a failure of a conditional put that is not about the condition', async () => {
    s3.on(PutObjectCommand).rejects(s3Error('SlowDown', 503));

    await expect(objects.putIf(KEY, new Uint8Array([1]), { ifNoneMatch: '*' })).rejects.toThrow(ServiceUnavailable);
  });

  it('requests SSE-S3 (AES256) on every put by default, conditional or not', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e"' });

    await objects.put(KEY, new Uint8Array([1]));
    await objects.putIf(KEY, new Uint8Array([2]), { ifNoneMatch: '*' });
    await objects.putIf(KEY, new Uint8Array([3]), { ifMatch: '"e"' });

    const inputs = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(inputs.map((i) => [i.ServerSideEncryption, i.SSEKMSKeyId])).toEqual(Array(3).fill(['AES256', undefined]));
    expect(inputs.map((i) => [i.IfNoneMatch, i.IfMatch])).toEqual([
      [undefined, undefined],
      ['*', undefined],
      [undefined, '"e"'],
    ]);
  });

  it('requests SSE-KMS with the configured key when given one', async () => {
    s3.on(PutObjectCommand).resolves({ ETag: '"e"' });
    const kmsKeyId = 'arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

    await new S3Objects(client, BUCKET, { kmsKeyId }).putIf(KEY, new Uint8Array([1]), { ifNoneMatch: '*' });

    expect(s3.commandCalls(PutObjectCommand)[0].args[0].input).toMatchObject({
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: kmsKeyId,
      IfNoneMatch: '*',
    });
  });
});
