import { Runtime, type LogLevel, type LogMetadata } from '@temporalio/worker';
import type { Logger } from '../logging';

/**
 * Routes the Temporal SDK's own logs into our structured logger (the bundler's chatter at debug) and
 * leaves signal handling to our entry points, which stop the worker before the server.
 */
export function installTemporalRuntime(logger: Logger): void {
  const sdkLogger = logger.child({ component: 'temporal-sdk' });
  const write = (level: LogLevel, message: string, meta?: LogMetadata) => {
    const fields = meta ?? {};
    switch (level) {
      case 'TRACE':
        return sdkLogger.trace(fields, message);
      case 'DEBUG':
        return sdkLogger.debug(fields, message);
      case 'INFO':
        // webpack's multi-line build report is noise at info
        return message.includes('\n') ? sdkLogger.debug(fields, message) : sdkLogger.info(fields, message);
      case 'WARN':
        return sdkLogger.warn(fields, message);
      case 'ERROR':
        return sdkLogger.error(fields, message);
    }
  };
  Runtime.install({
    shutdownSignals: [],
    logger: {
      log: write,
      trace: (message, meta) => write('TRACE', message, meta),
      debug: (message, meta) => write('DEBUG', message, meta),
      info: (message, meta) => write('INFO', message, meta),
      warn: (message, meta) => write('WARN', message, meta),
      error: (message, meta) => write('ERROR', message, meta),
    },
  });
}
