/**
 * The run's outbound step: one e-mail, SMS or internal notification, sent by an activity that
 * delivers it exactly once per execution of the step (the dedup key names run, step and execution).
 */
import { ActivityFailure, condition, proxyActivities } from '@temporalio/workflow';
import type { MessageActivities, OutboundAction, SendMessageResult } from '../../activities/message-activity-types';
import { channelOf } from '../../domain/automation-run-rules';
import type { RunContext } from './run-context';
import { nextExecution } from './run-program';

/** A message waits at most this long for a Zoom link that is still being created. */
export const MEETING_LINK_WAIT_MS = 10 * 60 * 1000;

const SKIPPED_UNTIL_NEXT_WAIT = 'skipped until the next wait: its appointment-time wait had already passed';

const messages = proxyActivities<MessageActivities>({
  // above the SMTP sender's own 60 s bound, so an attempt is never retried while it still sends
  startToCloseTimeout: '2 minutes',
  // sendMessage heartbeats: a worker that died mid-send is noticed in seconds, not minutes
  heartbeatTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 hours',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function sendOutbound(run: RunContext, action: OutboundAction): Promise<void> {
  const { program, runId } = run;
  program.pc += 1;
  const skipReason = program.skipOutbound ? SKIPPED_UNTIL_NEXT_WAIT : undefined;
  if (!skipReason && program.snapshot.meetingPending) {
    // The reference recipe waits a minute for the link; if Zoom is slower, wait for it a little more.
    await condition(() => !program.snapshot.meetingPending || run.stopped(), MEETING_LINK_WAIT_MS);
    if (run.stopped()) {
      program.pc -= 1; // not sent: the loop head ends the run
      return;
    }
  }
  const dedupKey = `${runId}/${action.id}/${nextExecution(program, action.id)}`;
  let result: SendMessageResult;
  try {
    result = await messages.sendMessage({
      dedupKey,
      appointmentId: run.input.appointmentId,
      runId,
      action,
      triggerStatus: run.input.triggerStatus,
      ...(skipReason ? { skipReason } : {}),
    });
  } catch (error) {
    if (!(error instanceof ActivityFailure)) throw error;
    // Retries exhausted (e.g. the provider down for hours): the step fails, the run goes on.
    const reason = error.cause?.message ?? error.message;
    await messages.recordMessageFailure({ dedupKey, reason });
    result = { status: 'failed', channel: channelOf(action), to: null, reason };
  }
  run.timeline(`message.${result.status}`, {
    stepId: action.id,
    channel: result.channel,
    ...(result.to ? { to: result.to } : {}),
    ...(result.providerId ? { providerId: result.providerId } : {}),
    ...(result.reason ? { reason: result.reason } : {}),
  });
}
