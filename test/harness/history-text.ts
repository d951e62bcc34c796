/** Workflow histories as searchable text: the JSON form, plus every payload decoded (they are base64 inside). */
import type { Client } from '@temporalio/client';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';

export function decodePayloads(node: unknown): string {
  const texts: string[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) return value.forEach(visit);
    if (typeof value !== 'object' || value === null) return;
    const record = value as Record<string, unknown>;
    if (typeof record.data === 'string' && (record.metadata === undefined || typeof record.metadata === 'object')) {
      texts.push(Buffer.from(record.data, 'base64').toString('utf8'));
      for (const meta of Object.values((record.metadata ?? {}) as Record<string, unknown>)) {
        if (typeof meta === 'string') texts.push(Buffer.from(meta, 'base64').toString('utf8'));
      }
    }
    Object.values(record).forEach(visit);
  };
  visit(node);
  return texts.join('\n');
}

/** The histories of every workflow on a task queue (each run), as text with decoded payloads. */
export async function historiesAsText(client: Client, taskQueue: string): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  for await (const execution of client.workflow.list({ query: `TaskQueue = "${taskQueue}"` })) {
    const history = await client.workflow.getHandle(execution.workflowId, execution.runId).fetchHistory();
    const json = historyToJSON(history);
    texts.set(`${execution.workflowId}/${execution.runId}`, `${json}\n${decodePayloads(JSON.parse(json))}`);
  }
  return texts;
}
