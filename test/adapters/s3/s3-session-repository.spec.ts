import { randomUUID } from 'node:crypto';
import { DeleteObjectCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { S3SessionRepository } from '../../../src/adapters/s3/s3-session-repository.js';
import { ServiceUnavailable } from '../../../src/domain/domain.errors.js';
import { Session } from '../../../src/domain/session.js';
import { describeSessionRepository, newSession, T0 } from '../../contracts/session-repository.contract.js';
import { s3Error, useMockedS3 } from './s3-mock.js';
import { useS3TestServer, type S3TestServer } from './s3-test-server.js';


describe('S3SessionRepository', () => {
  const s3 = useS3TestServer();

  describeSessionRepository(async () => new S3SessionRepository(s3().client, await s3().newBucket()));

  describe('in the bucket', () => {
    let server: S3TestServer;
    let client: S3Client;
    let bucket: string;
    let repository: S3SessionRepository;
    /** A second container: its own client and repository on the same bucket. */
    let otherClient: S3Client;
    let other: S3SessionRepository;

    beforeEach(async () => {
      server = s3();
      client = server.client;
      bucket = await server.newBucket();
      repository = new S3SessionRepository(client, bucket);
      otherClient = server.newClient();
      other = new S3SessionRepository(otherClient, bucket);
    });
    afterEach(() => {
      otherClient.destroy();
    });

    const requestsTo = () => server.requests.filter((r) => r.bucket === bucket);
    const keysInBucket = async () =>
      ((await client.send(new ListObjectsV2Command({ Bucket: bucket }))).Contents ?? []).map((o) => o.Key).sort();
    const putRaw = (key: string, body: string) => client.send(new PutObjectCommand({ Bucket: bucket, Key: key, Body: body }));
    /** Twenty new sessions for `token` created at once, alternately in this container and the other. */
    const raceFor = (token: string, now: Date) =>
      Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? repository : other).createUnlessTokenHeld(newSession(token, now), now)),
      );

    it('keeps the record in sessions/<id>.json and the claim in tokens/<token>.json', async () => {
      const session = newSession('token-layout');

      await repository.createUnlessTokenHeld(session, T0);

      expect(await keysInBucket()).toEqual([`sessions/${session.id}.json`, 'tokens/token-layout.json']);
    });

    it('asks for AES256 on every put, creates with If-None-Match: * and updates with If-Match', async () => {
      const session = newSession('token-wire');
      await repository.createUnlessTokenHeld(session, T0);
      await repository.update(Session.fromRecord({ ...session.toRecord(), status: 'processing' }));

      const puts = requestsTo().filter((r) => r.method === 'PUT');

      expect(puts.map((r) => [r.key, r.headers['x-amz-server-side-encryption'], r.headers['if-none-match']])).toEqual([
        [`sessions/${session.id}.json`, 'AES256', '*'],
        ['tokens/token-wire.json', 'AES256', '*'],
        [`sessions/${session.id}.json`, 'AES256', undefined],
      ]);
      expect(puts[2].headers['if-match']).toMatch(/^"[0-9a-f]{32}"$/);
    });

    it('gives one session when two containers race for a token, leaving only its record and claim', async () => {
      const results = await raceFor('token-shared', T0);

      const ids = new Set(results.map((s) => s.id));
      expect(ids.size).toBe(1);
      expect(await keysInBucket()).toEqual([`sessions/${results[0].id}.json`, 'tokens/token-shared.json']);
    });

    it('gives one replacement when two containers race to replace an expired holder', async () => {
      const expired = newSession('token-shared-expired');
      await repository.createUnlessTokenHeld(expired, T0);
      const later = new Date(T0.getTime() + 61_000);

      const ids = new Set((await raceFor('token-shared-expired', later)).map((s) => s.id));

      expect([...ids]).toHaveLength(1);
      expect(ids.has(expired.id)).toBe(false);
      expect((await other.findById(expired.id))?.toRecord()).toEqual(expired.toRecord());
    });

    it('keeps every one of concurrent updates from two containers whole', async () => {
      const session = newSession('token-updates');
      await repository.createUnlessTokenHeld(session, T0);
      const versions = Array.from({ length: 10 }, (_, i) =>
        Session.fromRecord({ ...session.toRecord(), status: 'succeeded', comparisonResult: i / 10, confidence: i / 10 }),
      );

      await Promise.all(versions.map((v, i) => (i % 2 === 0 ? repository : other).update(v)));

      const stored = (await repository.findById(session.id))?.toRecord();
      expect(versions.map((v) => v.toRecord())).toContainEqual(stored);
    });

    it('reports a damaged record as ServiceUnavailable without the bucket in the message', async () => {
      const damagedId = randomUUID();
      await putRaw(`sessions/${damagedId}.json`, '{"id": "');

      const failure: unknown = await repository.findById(damagedId).catch((error: unknown) => error);

      expect(failure).toEqual(new ServiceUnavailable(`storage is damaged: session ${damagedId} cannot be read`));
    });

    it('reports a record stored under another id as damaged rather than returning it', async () => {
      const session = newSession('token-moved');
      const otherId = randomUUID();
      await putRaw(`sessions/${otherId}.json`, JSON.stringify(session.toRecord()));

      await expect(repository.findById(otherId)).rejects.toThrow(ServiceUnavailable);
    });

    it('reports a damaged token claim as ServiceUnavailable for that token only', async () => {
      await putRaw('tokens/token-damaged.json', '{"sessionId": 4');

      await expect(repository.createUnlessTokenHeld(newSession('token-damaged'), T0)).rejects.toThrow(
        new ServiceUnavailable('storage is damaged: a claim of token token-damaged cannot be read'),
      );
      const healthy = newSession('token-healthy');
      expect((await repository.createUnlessTokenHeld(healthy, T0)).id).toBe(healthy.id);
    });

    it.each(['../escape', 'a/b', '%2e%2e', 'nul\0byte', 'x'.repeat(65)])(
      'refuses to store a session whose token %j is not a token, sending nothing to S3',
      async (token) => {
        await expect(repository.createUnlessTokenHeld(newSession(token), T0)).rejects.toThrow(/clientRequestToken/);
        expect(requestsTo()).toEqual([]);
      },
    );

    it.each(['../sessions/x', `${randomUUID()}/../x`, randomUUID().toUpperCase()])(
      'finds nothing for the id %j without asking S3',
      async (id) => {
        expect(await repository.findById(id)).toBeNull();
        expect(requestsTo()).toEqual([]);
      },
    );
  });

  describe('with S3 answering through a mock', () => {
    const { client: mocked, stub: s3 } = useMockedS3();
    const repository = new S3SessionRepository(mocked, 'sessions-bucket');
    const notFound = () => s3Error('NoSuchKey', 404);

    it('reports S3 errors (503 SlowDown) on create as ServiceUnavailable without the SDK message', async () => {
      s3.on(GetObjectCommand).rejects(notFound());
      s3.on(PutObjectCommand).rejects(s3Error('SlowDown', 503));

      const failure: unknown = await repository.createUnlessTokenHeld(newSession('token-slow'), T0).catch((e: unknown) => e);

      expect(failure).toEqual(new ServiceUnavailable('storage is unavailable: SlowDown'));
    });

    it('returns its own session, deleting nothing, when a retried claim write finds its first attempt landed', async () => {
      const session = newSession('token-retried');
      const record = JSON.stringify(session.toRecord());
      const claim = JSON.stringify({ sessionId: session.id });
      const body = (text: string) => ({ transformToByteArray: async () => new TextEncoder().encode(text) });
      // The claim is missing at first; after the claim write "fails" with 412 it names this session.
      s3.on(GetObjectCommand, { Key: 'tokens/token-retried.json' })
        .rejectsOnce(notFound())
        .resolves({ Body: body(claim) as never, ETag: '"c"' });
      s3.on(GetObjectCommand, { Key: `sessions/${session.id}.json` }).resolves({ Body: body(record) as never, ETag: '"s"' });
      s3.on(PutObjectCommand, { Key: `sessions/${session.id}.json` }).resolves({ ETag: '"s"' });
      s3.on(PutObjectCommand, { Key: 'tokens/token-retried.json' }).rejects(s3Error('PreconditionFailed', 412));

      const result = await repository.createUnlessTokenHeld(session, new Date(T0.getTime() + 120_000));

      expect(result.id).toBe(session.id);
      expect(s3.commandCalls(DeleteObjectCommand)).toEqual([]);
    });
  });
});
