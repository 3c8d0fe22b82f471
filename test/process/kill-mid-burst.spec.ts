import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { parseSessionRecord } from '../../src/adapters/storage/session-record-json.js';
import { parseTokenClaim } from '../../src/adapters/storage/token-claim-json.js';
import { photo } from '../e2e/harness.js';
import { type Answer, call, useServers } from './process-fixtures.js';

const CREATES = 300;
const CONCURRENCY = 20;
/** The server is killed as soon as this many creates have been acknowledged. */
const KILL_AFTER = 100;

/** Non-temp files under `dir`, relative; temp files (`.<name>.<random>.tmp`) are what readers skip. */
async function storedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile() && !(e.name.startsWith('.') && e.name.endsWith('.tmp'))).map((e) => join(e.parentPath, e.name));
}

describe('a server killed with SIGKILL in the middle of a burst of session creates', () => {
  const servers = useServers();

  it('restarts with every file whole and every acknowledged session readable, and retries stay idempotent', async () => {
    const dataDir = await servers.dataDir();
    const reference = await photo('kit_harington_1.jpg');
    // Every fourth create carries a reference image, so image writes are cut too.
    const bodyOf = (i: number) => ({ clientRequestToken: `burst-${i}`, ...(i % 4 === 0 ? { referenceImage: reference } : {}) });

    const first = await servers.start(dataDir);
    const acknowledged = new Map<number, string>();
    let failed = 0;
    let next = 0;
    const client = async () => {
      while (next < CREATES) {
        const i = next++;
        const answer = await call(first, 'POST', '/session', bodyOf(i)).catch(() => null);
        if (answer?.status === 201) acknowledged.set(i, answer.body.SessionId);
        else failed++;
        if (acknowledged.size === KILL_AFTER) void first.kill('SIGKILL');
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, client));
    const exit = await first.exited;

    expect(exit.signal).toBe('SIGKILL');
    expect(acknowledged.size).toBeGreaterThanOrEqual(KILL_AFTER);
    expect(failed).toBeGreaterThan(0);

    // On disk: every session record and token claim a reader can see parses, and names its own file.
    const sessionFiles = await storedFiles(join(dataDir, 'sessions'));
    const records = await Promise.all(sessionFiles.filter((f) => f.endsWith('.json')).map(async (f) => ({ f, record: parseSessionRecord(await readFile(f, 'utf8')) })));
    expect(records.filter(({ f, record }) => record === null || !f.endsWith(`${record.id}.json`))).toEqual([]);
    const claims = await storedFiles(join(dataDir, 'tokens'));
    expect(claims.length).toBeGreaterThanOrEqual(acknowledged.size);
    const claimed = await Promise.all(claims.map(async (f) => parseTokenClaim(await readFile(f), f)));
    expect([...acknowledged.values()].filter((id) => !claimed.includes(id))).toEqual([]);
    // Reference images decode to the last pixel: a truncated JPEG would fail here.
    const images = await storedFiles(join(dataDir, 'images'));
    expect(images.length).toBeGreaterThanOrEqual(KILL_AFTER / 4);
    await Promise.all(images.map((f) => expect(sharp(f, { failOn: 'truncated' }).raw().toBuffer()).resolves.toBeInstanceOf(Buffer)));

    // After a restart on the same directory, nothing acknowledged is lost.
    const second = await servers.start(dataDir);
    const reads = await Promise.all([...acknowledged].map(async ([i, id]) => ({ i, read: await call(second, 'GET', `/session/${id}`) })));
    expect(reads.filter(({ i, read }) => read.status !== 200 || read.body.clientRequestToken !== `burst-${i}`)).toEqual([]);
    // Sessions stored but never acknowledged read whole too, never as a 5xx.
    const storedReads = await Promise.all(records.map(async ({ record }) => (await call(second, 'GET', `/session/${record!.id}`)).status));
    expect(storedReads.filter((status) => status !== 200)).toEqual([]);

    // Retrying every create, acknowledged or not, answers 201, with the same session for the acknowledged ones.
    const retries: Answer[] = [];
    for (let i = 0; i < CREATES; i += CONCURRENCY) {
      const batch = Array.from({ length: Math.min(CONCURRENCY, CREATES - i) }, (_, k) => call(second, 'POST', '/session', bodyOf(i + k)));
      retries.push(...(await Promise.all(batch)));
    }
    expect(retries.filter((answer) => answer.status !== 201)).toEqual([]);
    expect([...acknowledged].filter(([i, id]) => retries[i].body.SessionId !== id)).toEqual([]);
  });
});
