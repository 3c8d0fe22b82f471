import { jest } from '@jest/globals';
import type { PurgedData } from '../../../src/application/purge-expired-data.use-case.js';
import { RetentionSweeper } from '../../../src/adapters/system/retention-sweeper.js';

const NOTHING: PurgedData = { sessions: 0, images: 0 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RetentionSweeper', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('sweeps at start-up and then every interval, on a timer that does not keep the process alive', async () => {
    const purge = jest.fn(async () => NOTHING);
    const scheduled = jest.spyOn(global, 'setInterval');
    const sweeper = new RetentionSweeper(purge, 20);

    sweeper.onApplicationBootstrap();
    await sleep(70);
    await sweeper.onModuleDestroy();

    expect(purge.mock.calls.length).toBeGreaterThanOrEqual(3);
    expect((scheduled.mock.results[0].value as NodeJS.Timeout).hasRef()).toBe(false);
  });

  it('stops on shutdown, after waiting for the pass under way', async () => {
    let finishPass: (data: PurgedData) => void = () => undefined;
    const purge = jest.fn(() => new Promise<PurgedData>((resolve) => (finishPass = resolve)));
    const sweeper = new RetentionSweeper(purge, 20);
    sweeper.onApplicationBootstrap();

    let stopped = false;
    const stopping = sweeper.onModuleDestroy().then(() => (stopped = true));
    await sleep(50);
    expect(stopped).toBe(false);
    finishPass(NOTHING);
    await stopping;
    const callsAtStop = purge.mock.calls.length;
    await sleep(60);

    expect(purge.mock.calls.length).toBe(callsAtStop);
    expect(callsAtStop).toBe(1); // the timer never started a second, overlapping pass
  });

  it('survives a failed pass and sweeps again next time', async () => {
    const purge = jest.fn<() => Promise<PurgedData>>().mockRejectedValueOnce(new Error('disk on fire')).mockResolvedValue({ sessions: 1, images: 2 });
    const sweeper = new RetentionSweeper(purge, 1_000_000);

    await expect(sweeper.sweep()).resolves.toBeUndefined();
    await expect(sweeper.sweep()).resolves.toBeUndefined();

    expect(purge).toHaveBeenCalledTimes(2);
  });
});
