import { createRootLogger, PinoLoggerService } from '../../../src/adapters/logging/pino-logger.service.js';

function capture(level: 'trace' | 'info' = 'trace') {
  const lines: Record<string, unknown>[] = [];
  const service = new PinoLoggerService(createRootLogger({ logLevel: level }, { write: (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>) }));
  return { service, lines };
}

describe('PinoLoggerService', () => {
  it('writes Nest\'s (message, context) calls as JSON lines with the context as a field', () => {
    const { service, lines } = capture();

    service.log('Mapped {/health, GET} route', 'RouterExplorer');
    service.warn('slow', 'Engine');
    service.verbose('detail');

    expect(lines).toEqual([
      expect.objectContaining({ level: 30, context: 'RouterExplorer', msg: 'Mapped {/health, GET} route' }),
      expect.objectContaining({ level: 40, context: 'Engine', msg: 'slow' }),
      expect.objectContaining({ level: 10, msg: 'detail' }),
    ]);
  });

  it('tells a stack from a context in Nest\'s error(message, stack, context) calls', () => {
    const { service, lines } = capture();
    const stack = new Error('boom').stack!;

    service.error('boom', stack, 'ExceptionsHandler');
    service.error('plain', 'Errors');

    expect(lines[0]).toMatchObject({ level: 50, msg: 'boom', stack, context: 'ExceptionsHandler' });
    expect(lines[1]).toMatchObject({ level: 50, msg: 'plain', context: 'Errors' });
    expect(lines[1]).not.toHaveProperty('stack');
  });

  it('keeps an Error\'s stack and an object\'s fields structured', () => {
    const { service, lines } = capture();

    service.fatal(new Error('gone'));
    service.log({ event: 'ready', workers: 2 }, 'Engine');

    expect(lines[0]).toMatchObject({ level: 60, err: { message: 'gone' } });
    expect(String((lines[0].err as { stack?: unknown }).stack)).toContain('Error: gone');
    expect(lines[1]).toMatchObject({ level: 30, event: 'ready', workers: 2, context: 'Engine' });
  });

  it('drops lines below LOG_LEVEL', () => {
    const { service, lines } = capture('info');

    service.debug('hidden');
    service.log('shown');

    expect(lines.map((line) => line.msg)).toEqual(['shown']);
  });
});
