import { ConfigError, loadConfig } from './config';
import { startEngine, type EngineParts, type RunningEngine } from './engine';
import { createLogger } from './logging';
import { installTemporalRuntime } from './temporal/runtime';

/** Shared body of the entry points: start the given parts, stop them cleanly on SIGINT/SIGTERM. */
export function runUntilSignal(parts: EngineParts, onStarted: (engine: RunningEngine) => void): void {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    process.stderr.write(`${error instanceof ConfigError ? error.message : String(error)}\n`);
    process.exit(2);
  }
  const standalone = !(parts.worker && parts.api);
  if (standalone && (!config.temporal.address || !config.databaseUrl)) {
    process.stderr.write(
      'The worker-only and API-only entry points share state with other processes: set TEMPORAL_ADDRESS ' +
        '(a Temporal cluster) and DATABASE_URL (PostgreSQL). For a single process, use `npm start`.\n',
    );
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  installTemporalRuntime(logger);

  let stopping: Promise<void> | undefined;
  startEngine({ config, logger, parts }).then(
    (engine) => {
      onStarted(engine);
      const stop = (signal: NodeJS.Signals) => {
        if (stopping) {
          logger.warn({ signal }, 'second signal: exiting now');
          process.exit(1);
        }
        logger.info({ signal }, 'stopping');
        stopping = engine.stop().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, 'error while stopping');
            process.exit(1);
          },
        );
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (error: unknown) => {
      logger.fatal({ err: error }, 'could not start');
      process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
