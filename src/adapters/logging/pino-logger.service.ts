import { Logger as NestLogger, type LoggerService } from '@nestjs/common';
import { type DestinationStream, type Level, type Logger, pino } from 'pino';
import type { AppConfig } from '../../config/app-config.js';
import { currentRequestId, propagateRequestIds } from '../http/request-id.middleware.js';

/** A Nest stack trace, which Nest passes to `error()` as a separate string. */
const STACK = /\n\s+at /;

/**
 * One JSON line per event, from Nest, from `new Logger(context)` calls and from the request log
 * alike. A line written while a request is served carries that request's id.
 */
export function createRootLogger(config: Pick<AppConfig, 'logLevel'>, destination?: DestinationStream): Logger {
  const options = {
    level: config.logLevel,
    timestamp: pino.stdTimeFunctions.isoTime,
    mixin: () => {
      const requestId = currentRequestId();
      return requestId ? { requestId } : {};
    },
  };
  // Standard output is written synchronously: a killed process or a frozen Lambda then loses no line,
  // and here it took less CPU per request than pino's default asynchronous writes, each batch of
  // which is a thread-pool round trip. The price: a reader that stops reading stalls the server.
  return pino(options, destination ?? pino.destination({ dest: 1, sync: true }));
}

/**
 * A Nest logger for an adapter that logs while a request is served, below the HTTP layer where no
 * request is at hand: once one exists, requests carry their id to its lines.
 */
export function loggerInsideRequests(context: string): NestLogger {
  propagateRequestIds();
  return new NestLogger(context);
}

/** Nest's LoggerService over pino: Nest's (message, ...context/stack) calls become structured fields. */
export class PinoLoggerService implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }

  private write(level: Level, message: unknown, params: unknown[]): void {
    const strings = params.filter((param): param is string => typeof param === 'string');
    const stack = strings.find((param) => STACK.test(param));
    const context = strings.filter((param) => param !== stack).at(-1);
    const fields = { ...(context ? { context } : {}), ...(stack ? { stack } : {}) };
    if (message instanceof Error) this.logger[level]({ ...fields, err: message });
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...fields, ...message });
    else this.logger[level](fields, String(message));
  }
}
