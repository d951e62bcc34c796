/**
 * Worker only, for scale-out: several of these against one Temporal cluster (TEMPORAL_ADDRESS) and
 * one PostgreSQL (DATABASE_URL).
 */
import { runUntilSignal } from './run-until-signal';

runUntilSignal({ worker: true, api: false }, (engine) => {
  process.stdout.write(`worker polling task queue ${engine.config.temporal.taskQueue} on ${engine.temporalAddress}\n`);
});
