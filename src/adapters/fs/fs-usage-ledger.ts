import { resolve } from 'node:path';
import type { OnModuleDestroy } from '@nestjs/common';
import { UsageLedger } from '../../domain/ports/usage-ledger.port.js';
import { readRecordOrNull, writeFileAtomic } from './atomic-file.js';
import { pathInside } from './fs-paths.js';

const MONTH = /^\d{4}-\d{2}$/;
/** Writes are batched: a quota off by a few calls after a crash beats an fsync per request. */
const FLUSH_DELAY_MS = 250;

/** The stored count, or null when the file was edited into something else (then counting restarts at 0). */
function parseCount(bytes: Buffer): number | null {
  try {
    const count = (JSON.parse(bytes.toString('utf8')) as { count?: unknown } | null)?.count;
    return typeof count === 'number' && Number.isSafeInteger(count) && count >= 0 ? count : null;
  } catch {
    return null;
  }
}

/**
 * Monthly call counts in `usage/<YYYY-MM>.json`, counted in memory and written behind. One process
 * owns a data directory; after a SIGKILL at most the last FLUSH_DELAY_MS of calls go uncounted.
 */
export class FsUsageLedger extends UsageLedger implements OnModuleDestroy {
  private readonly root: string;
  private readonly counts = new Map<string, Promise<number>>();
  private pendingFlush: NodeJS.Timeout | null = null;
  private lastFlush: Promise<void> = Promise.resolve();

  constructor(dataDir: string) {
    super();
    this.root = resolve(dataDir, 'usage');
  }

  override async increment(month: string): Promise<number> {
    if (!MONTH.test(month)) throw new Error(`Invalid month ${JSON.stringify(month)}.`);
    // Chaining on the previous count keeps concurrent increments of one month from losing updates.
    const next = (this.counts.get(month) ?? this.load(month)).then((count) => count + 1);
    this.counts.set(month, next);
    this.scheduleFlush();
    return next;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.pendingFlush) clearTimeout(this.pendingFlush);
    this.pendingFlush = null;
    await this.flush();
  }

  private async load(month: string): Promise<number> {
    const bytes = await readRecordOrNull(this.fileOf(month));
    return (bytes && parseCount(bytes)) ?? 0;
  }

  private scheduleFlush(): void {
    this.pendingFlush ??= setTimeout(() => {
      this.pendingFlush = null;
      void this.flush().catch(() => undefined);
    }, FLUSH_DELAY_MS);
  }

  private flush(): Promise<void> {
    // A failed flush (disk full) must not stop later ones: the counts stay in memory until one succeeds.
    this.lastFlush = this.lastFlush.catch(() => undefined).then(async () => {
      for (const [month, count] of this.counts) {
        await writeFileAtomic(this.fileOf(month), Buffer.from(JSON.stringify({ count: await count })));
      }
    });
    return this.lastFlush;
  }

  private fileOf(month: string): string {
    return pathInside(this.root, `${month}.json`);
  }
}
