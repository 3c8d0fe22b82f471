import { Clock } from '../../domain/ports/clock.port.js';

export class SystemClock extends Clock {
  override now(): Date {
    return new Date();
  }
}
