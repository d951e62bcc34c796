/**
 * `npm start`: the embedded Temporal dev server (unless TEMPORAL_ADDRESS is set), the worker and the
 * HTTP API in one process tree. Ctrl-C stops all of it; data stays in DATA_DIR for the next start.
 */
import { runUntilSignal } from './run-until-signal';

runUntilSignal({ worker: true, api: true }, (engine) => {
  const lines = [
    '',
    `  Appointment engine is running`,
    `  Console    ${engine.apiUrl}/   (sign in with the API key)`,
    `  API        ${engine.apiUrl}/v1   reference ${engine.apiUrl}/docs`,
    `  API key    ${engine.config.apiKey}${engine.config.apiKeyGenerated ? '  (generated; saved in the data dir)' : ''}`,
    `  Temporal   ${engine.temporalAddress}${engine.uiUrl ? `   Web UI ${engine.uiUrl}` : ''}`,
    `  Data       ${engine.config.dataDir}`,
    '',
    '  Ctrl-C to stop.',
    '',
  ];
  process.stdout.write(lines.join('\n'));
});
