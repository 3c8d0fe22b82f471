import { describeImageStore } from '../contracts/image-store.contract.js';
import { describeSessionRepository } from '../contracts/session-repository.contract.js';
import { FixedClock } from './fixed-clock.js';
import { InMemoryImageStore } from './in-memory-image-store.js';
import { InMemorySessionRepository } from './in-memory-session-repository.js';

describe('InMemorySessionRepository', () => {
  describeSessionRepository(async () => new InMemorySessionRepository());
});

describe('InMemoryImageStore', () => {
  describeImageStore(async () => new InMemoryImageStore());
});

describe('FixedClock', () => {
  it('stands still until advanced or set', () => {
    const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));

    expect(clock.now().toISOString()).toBe('2025-03-01T12:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2025-03-01T12:00:01.500Z');
    clock.set(new Date('2030-01-01T00:00:00.000Z'));
    expect(clock.now().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  it('hands out copies, so a caller mutating a date does not move the clock', () => {
    const clock = new FixedClock(new Date('2025-03-01T12:00:00.000Z'));

    clock.now().setFullYear(1999);

    expect(clock.now().toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });
});
