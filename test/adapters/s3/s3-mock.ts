import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A client whose every command is answered by `stub` (aws-sdk-client-mock), for failures a real
 * server will not produce on demand. Reset before each test of the enclosing describe; restored after.
 */
export function useMockedS3() {
  const client = new S3Client({ region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  const stub = mockClient(client);
  beforeEach(() => {
    stub.reset();
  });
  afterAll(() => {
    stub.restore();
    client.destroy();
  });
  return { client, stub };
}

/** An error as the SDK throws it for an S3 error response; its message names a bucket and a key. */
export function s3Error(name: string, status: number, message = `${name} on secret-bucket/sessions/x.json`): S3ServiceException {
  return new S3ServiceException({ name, $fault: status >= 500 ? 'server' : 'client', $metadata: { httpStatusCode: status }, message });
}
