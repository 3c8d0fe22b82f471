import { GetObjectCommand } from '@aws-sdk/client-s3';
import { S3ImageStore } from '../../../src/adapters/s3/s3-image-store.js';
import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { describeImageStore } from '../../contracts/image-store.contract.js';
import { s3Error, useMockedS3 } from './s3-mock.js';
import { useS3TestServer, type S3TestServer } from './s3-test-server.js';

const BYTES = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 1, 2, 3]);

describe('S3ImageStore', () => {
  const s3 = useS3TestServer();

  describeImageStore(async () => new S3ImageStore(s3().client, await s3().newBucket()));

  describe('in the bucket', () => {
    let server: S3TestServer;
    let bucket: string;

    beforeEach(async () => {
      server = s3();
      bucket = await server.newBucket();
    });

    const putsTo = (name: string) => server.requests.filter((r) => r.bucket === name && r.method === 'PUT');

    it('stores each image as the object images/<key>, asking for AES256 encryption on every put', async () => {
      const store = new S3ImageStore(server.client, bucket);

      await store.put('sessions/abc/reference.jpg', BYTES);
      await store.put('compares/x/source.png', BYTES);
      await store.delete('sessions/abc/reference.jpg');

      expect(putsTo(bucket).map((r) => [r.key, r.headers['x-amz-server-side-encryption']])).toEqual([
        ['images/sessions/abc/reference.jpg', 'AES256'],
        ['images/compares/x/source.png', 'AES256'],
      ]);
    });

    it('asks for SSE-KMS with the configured key on every put when given one', async () => {
      const store = new S3ImageStore(server.client, bucket, { kmsKeyId: 'alias/facecheck' });

      await store.put('a.jpg', BYTES);
      await store.put('b.jpg', BYTES);

      expect(
        putsTo(bucket).map((r) => [r.headers['x-amz-server-side-encryption'], r.headers['x-amz-server-side-encryption-aws-kms-key-id']]),
      ).toEqual(Array(2).fill(['aws:kms', 'alias/facecheck']));
    });

    it('sends nothing to S3 for a malformed key', async () => {
      const store = new S3ImageStore(server.client, bucket);

      await expect(store.get('../other-bucket/x')).rejects.toThrow(/Invalid image key/);
      expect(server.requests.filter((r) => r.bucket === bucket)).toEqual([]);
    });
  });

  describe('when S3 fails', () => {
    const mocked = useMockedS3();

    it('reports S3 throttling as ServiceUnavailable without the SDK message', async () => {
      mocked.stub.on(GetObjectCommand).rejects(s3Error('SlowDown', 503));

      await expect(new S3ImageStore(mocked.client, 'images-bucket').get('a.jpg')).rejects.toThrow(
        new ServiceUnavailable('storage is unavailable: SlowDown'),
      );
    });
  });
});
