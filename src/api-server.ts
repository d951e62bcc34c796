/** HTTP API only, against a Temporal cluster (TEMPORAL_ADDRESS) and PostgreSQL (DATABASE_URL). */
import { runUntilSignal } from './run-until-signal';

runUntilSignal({ worker: false, api: true }, (engine) => {
  process.stdout.write(`API listening on ${engine.apiUrl} (Temporal ${engine.temporalAddress})\n`);
});
