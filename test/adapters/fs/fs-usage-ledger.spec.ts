import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FsUsageLedger } from '../../../src/adapters/fs/fs-usage-ledger.js';

describe('FsUsageLedger', () => {
  let dataDir: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'facecheck-usage-'));
  });
  afterEach(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('counts calls per month', async () => {
    const ledger = new FsUsageLedger(dataDir);

    expect(await ledger.increment('2026-11')).toBe(1);
    expect(await ledger.increment('2026-11')).toBe(2);
    expect(await ledger.increment('2026-12')).toBe(1);
    await ledger.onModuleDestroy();
  });

  it('loses no concurrent increment', async () => {
    const ledger = new FsUsageLedger(dataDir);

    const totals = await Promise.all(Array.from({ length: 50 }, () => ledger.increment('2026-11')));

    expect([...totals].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await ledger.onModuleDestroy();
  });

  it('continues the count of a previous process on the same directory', async () => {
    const before = new FsUsageLedger(dataDir);
    await before.increment('2026-11');
    await before.increment('2026-11');
    await before.onModuleDestroy();

    const after = new FsUsageLedger(dataDir);
    expect(await after.increment('2026-11')).toBe(3);
    await after.onModuleDestroy();
  });

  it('restarts at zero rather than failing every request when the file was edited into garbage', async () => {
    await mkdir(join(dataDir, 'usage'), { recursive: true });
    await writeFile(join(dataDir, 'usage', '2026-11.json'), '{"count": "lots"');
    const ledger = new FsUsageLedger(dataDir);

    expect(await ledger.increment('2026-11')).toBe(1);
    await ledger.onModuleDestroy();
  });

  it('refuses a month that is not YYYY-MM, so no other file can be named', async () => {
    const ledger = new FsUsageLedger(dataDir);

    await expect(ledger.increment('../../etc')).rejects.toThrow(/Invalid month/);
  });
});
