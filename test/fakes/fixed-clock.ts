import { Clock } from '../../src/domain/ports/clock.port.js';

/** A clock that moves only when a test says so. */
export class FixedClock extends Clock {
  private current: Date;

  constructor(start: Date = new Date('2025-01-01T00:00:00.000Z')) {
    super();
    this.current = new Date(start.getTime());
  }

  override now(): Date {
    return new Date(this.current.getTime());
  }

  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }

  set(date: Date): void {
    this.current = new Date(date.getTime());
  }
}
