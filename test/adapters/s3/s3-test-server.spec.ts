import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { useS3TestServer } from './s3-test-server.js';

/** The race tests of the S3 adapters rest on these: s3rver alone ignores both headers. */
describe('S3 test server (s3rver with conditional writes)', () => {
  const s3 = useS3TestServer();
  let client: S3Client;
  let bucket: string;

  beforeEach(async () => {
    client = s3().client;
    bucket = await s3().newBucket();
  });

  async function put(key: string, body: string, condition: { IfNoneMatch?: string; IfMatch?: string } = {}) {
    return client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body, ...condition }));
  }

  async function read(key: string): Promise<string | undefined> {
    return (await client.send(new GetObjectCommand({ Bucket: bucket, Key: key }))).Body?.transformToString();
  }

  it('creates with If-None-Match: * once, then refuses with 412 and keeps the first object', async () => {
    await put('claim.json', 'first', { IfNoneMatch: '*' });

    await expect(put('claim.json', 'second', { IfNoneMatch: '*' })).rejects.toMatchObject({
      name: 'PreconditionFailed',
      $metadata: { httpStatusCode: 412 },
    });
    expect(await read('claim.json')).toBe('first');
  });

  it('replaces with If-Match only the version with that ETag', async () => {
    const { ETag: first } = await put('record.json', 'v1');
    await put('record.json', 'v2', { IfMatch: first });

    await expect(put('record.json', 'v3', { IfMatch: first })).rejects.toMatchObject({ $metadata: { httpStatusCode: 412 } });
    expect(await read('record.json')).toBe('v2');
  });

  it('answers If-Match on a missing key with 404 NoSuchKey, creating nothing', async () => {
    await expect(put('missing.json', 'v1', { IfMatch: '"0123"' })).rejects.toMatchObject({ name: 'NoSuchKey' });

    await expect(read('missing.json')).rejects.toMatchObject({ name: 'NoSuchKey' });
  });

  it('lets exactly one of twenty concurrent creates of one key succeed', async () => {
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => put('race.json', `writer-${i}`, { IfNoneMatch: '*' })),
    );

    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [`writer-${i}`] : []));
    expect(winners).toHaveLength(1);
    expect(await read('race.json')).toBe(winners[0]);
  });
});
