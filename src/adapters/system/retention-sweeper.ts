import { Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { PurgedData } from '../../application/purge-expired-data.use-case.js';
import { DomainError } from '../../domain/domain.errors.js';

/** Between passes. Data outlives RETENTION_HOURS by at most this plus a pass's duration. */
export const SWEEP_INTERVAL_MS = 10 * 60_000;

/**
 * Runs the retention purge once at start-up (catching up after downtime) and then periodically.
 * The timer is unref'd, so it never keeps a process alive; passes never overlap; shutdown stops the
 * timer and waits for a pass under way.
 */
export class RetentionSweeper implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Retention');
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;

  constructor(
    private readonly purge: () => Promise<PurgedData>,
    private readonly intervalMs: number = SWEEP_INTERVAL_MS,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), this.intervalMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.pass;
  }

  /** One pass, or the one already under way. Never rejects: a failed pass is logged and retried next time. */
  sweep(): Promise<void> {
    this.pass ??= this.purge()
      .then(({ sessions, images }) => {
        if (sessions + images > 0) this.logger.log(`Retention sweep deleted ${sessions} sessions and ${images} images.`);
      })
      .catch((error: unknown) => {
        // Only a domain error's message is fit for logs; others may carry paths or SDK text.
        this.logger.error(`Retention sweep failed: ${error instanceof DomainError ? error.message : 'unexpected error'}`);
      })
      .finally(() => {
        this.pass = null;
      });
    return this.pass;
  }
}
