/**
 * Replays histories fetched from a live Temporal server against the workflow code of this checkout.
 */
import { Client, Connection } from '@temporalio/client';
import { bundleWorkflowCode, Worker, type WorkerOptions } from '@temporalio/worker';

export interface LiveReplayOptions {
  address: string;
  namespace: string;
  workflowIds?: string[];
  /** a visibility query, e.g. `WorkflowType="appointment" AND ExecutionStatus="Running"` */
  query?: string;
  limit?: number;
  /** default: bundle src/workflows (or dist/workflows) now */
  workflowBundle?: WorkerOptions['workflowBundle'];
  onResult?: (result: { workflowId: string; error?: string }) => void;
}

export interface LiveReplayReport {
  replayed: number;
  diverging: { workflowId: string; error: string }[];
}

const quiet = {
  log() {},
  trace() {},
  debug() {},
  info() {},
  warn() {},
  error: (message: string) => process.stderr.write(`${message}\n`),
};

export async function replayFromServer(options: LiveReplayOptions): Promise<LiveReplayReport> {
  const connection = await Connection.connect({ address: options.address });
  const client = new Client({ connection, namespace: options.namespace });
  try {
    const bundle =
      options.workflowBundle ??
      (await bundleWorkflowCode({ workflowsPath: require.resolve('../workflows'), logger: quiet }));
    const limit = options.limit ?? 1000;
    async function* histories() {
      for (const workflowId of options.workflowIds ?? [])
        yield { workflowId, history: await client.workflow.getHandle(workflowId).fetchHistory() };
      if (options.query) {
        let count = 0;
        for await (const item of client.workflow.list({ query: options.query }).intoHistories()) {
          yield item;
          if (++count >= limit) break;
        }
      }
    }
    const report: LiveReplayReport = { replayed: 0, diverging: [] };
    for await (const result of Worker.runReplayHistories({ workflowBundle: bundle }, histories())) {
      report.replayed += 1;
      if (result.error) report.diverging.push({ workflowId: result.workflowId, error: result.error.message });
      options.onResult?.({ workflowId: result.workflowId, ...(result.error ? { error: result.error.message } : {}) });
    }
    return report;
  } finally {
    await connection.close();
  }
}
