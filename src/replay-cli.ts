/**
 * `npm run replay -- --workflow-id <id> [--workflow-id <id>…] [--query '<visibility query>'] [--limit N]`
 *
 * Fetches workflow histories from a live Temporal server (TEMPORAL_ADDRESS, or the embedded dev
 * server of `npm start` on 127.0.0.1:TEMPORAL_DEV_PORT) and replays them against the workflow code
 * in this checkout. Run it before every deploy of workflow changes: a non-zero exit means running
 * executions would break; the report names each diverging workflow and the first diverging event.
 */
import { parseArgs } from 'node:util';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { loadConfig } from './config';
import { replayFromServer } from './temporal/live-replay';

async function main(): Promise<number> {
  Runtime.install({ logger: new DefaultLogger('WARN') });
  const { values } = parseArgs({
    options: {
      'workflow-id': { type: 'string', multiple: true },
      query: { type: 'string' },
      limit: { type: 'string', default: '1000' },
    },
  });
  const workflowIds = values['workflow-id'] ?? [];
  if (workflowIds.length === 0 && !values.query) {
    process.stderr.write(
      'usage: npm run replay -- --workflow-id <id> [...] | --query \'WorkflowType="appointment"\' [--limit N]\n',
    );
    return 2;
  }
  const config = loadConfig();
  const address = config.temporal.address ?? `127.0.0.1:${config.temporal.devServerPort}`;
  const report = await replayFromServer({
    address,
    namespace: config.temporal.namespace,
    workflowIds,
    query: values.query,
    limit: Number(values.limit),
    onResult: ({ workflowId, error }) =>
      process.stdout.write(error ? `DIVERGES  ${workflowId}\n          ${error}\n` : `ok        ${workflowId}\n`),
  });
  process.stdout.write(`\n${report.replayed} replayed against ${address}, ${report.diverging.length} diverging\n`);
  return report.diverging.length > 0 || report.replayed === 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`replay failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
