/**
 * A workflow's history as a few readable lines (event, signal or activity name, start of the payload),
 * for the diagnostics of a failing fault test: what the slot that left an orphan meeting went through.
 */
import type { Client } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const eventNames = temporal.api.enums.v1.EventType;

export async function workflowStory(client: Client, workflowId: string): Promise<string> {
  const runs: string[] = [];
  for await (const execution of client.workflow.list({ query: `WorkflowId = "${workflowId}"` })) {
    const history = await client.workflow.getHandle(workflowId, execution.runId).fetchHistory();
    const lines = (history.events ?? []).map((event) => {
      const name = eventNames[event.eventType as number]?.replace('EVENT_TYPE_', '') ?? String(event.eventType);
      const signal = event.workflowExecutionSignaledEventAttributes;
      const detail = signal?.signalName ?? event.activityTaskScheduledEventAttributes?.activityType?.name ?? '';
      const payload =
        signal?.input?.payloads?.[0]?.data ?? event.activityTaskCompletedEventAttributes?.result?.payloads?.[0]?.data;
      const failure =
        event.activityTaskFailedEventAttributes?.failure?.message ??
        event.workflowExecutionFailedEventAttributes?.failure?.message;
      return `${event.eventId} ${name} ${detail} ${payload ? Buffer.from(payload).toString('utf8').slice(0, 120) : ''}${failure ? ` ${failure}` : ''}`;
    });
    runs.push(`${workflowId} run ${execution.runId} ${execution.status.name}\n${lines.join('\n')}`);
  }
  return runs.join('\n');
}

/** The slot workflow ID in an orphan meeting's agenda tag (see src/integrations/zoom/zoom-meeting-tag.ts). */
export function slotOfAgenda(agenda: string | undefined): string | undefined {
  return /\[appointment-engine:([^#\]]+)/.exec(agenda ?? '')?.[1];
}
