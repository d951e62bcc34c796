/**
 * `npm install` hook: makes sure the Temporal CLI and the time-skipping test server are present,
 * so the first `npm start` or `npm test` does not have to provision them.
 */
import { resolveTemporalBinary, TEMPORAL_CLI, TEMPORAL_TEST_SERVER } from './binaries';

function main(): void {
  if (process.env.TEMPORAL_SKIP_PROVISION === '1') {
    console.log('[temporal] TEMPORAL_SKIP_PROVISION=1: not provisioning Temporal binaries');
    return;
  }
  for (const spec of [TEMPORAL_CLI, TEMPORAL_TEST_SERVER]) {
    const resolved = resolveTemporalBinary(spec, { log: (line) => console.log(`[temporal] ${line}`) });
    console.log(
      resolved.type === 'existing-path'
        ? `[temporal] ${spec.label}: ${resolved.path}`
        : `[temporal] ${spec.label}: not found locally; the SDK will try to download it on first use`,
    );
  }
}

main();
