/**
 * Automation run: one durable interpretation of a user's automation for one status event of one
 * appointment, at the automation version it started with.
 *
 * Actions run in order: fixed waits, messages (e-mail, SMS, internal notification) and waits for a
 * point relative to the appointment's start, whose `ifPassed` policy decides what happens when that
 * point is already behind us. The appointment tells the run of every change:
 * - rescheduled: the pending appointment-time wait re-arms on the new time; and if an earlier such
 *   wait (a reminder already sent, or skipped because its time had passed) lies in the future again,
 *   the run goes back to it, so the new time gets its reminders — never the old time;
 * - cancelled or deleted: the run sends nothing more (unless the cancellation is what triggered it).
 * Once its actions are done, a run with appointment-time waits lingers until the appointment has
 * started, so a later reschedule can still re-arm its reminders.
 */
import {
  ActivityFailure,
  condition,
  ContinueAsNew,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  proxyActivities,
  setHandler,
  workflowInfo,
  allHandlersFinished,
} from '@temporalio/workflow';
import type { MessageActivities, OutboundAction, SendMessageResult } from '../activities/message-activity-types';
import type { AppointmentStatus, AutomationRunStatus, TimelineEntry } from '../domain/appointment';
import type { AutomationAction } from '../domain/automation';
import { parseDurationMs, parseOffsetMs } from '../domain/durations';
import {
  appointmentChangedSignal,
  runReportSignal,
  type AppointmentSnapshot,
  type RunProgressReport,
  type RunReport,
} from './messages';
import { appointmentWorkflowId } from './workflow-ids';

/** Most actions one run may execute: a bad definition cannot spin forever. */
export const STEP_BUDGET = 500;
/** A message waits at most this long for a Zoom link that is still being created. */
export const MEETING_LINK_WAIT_MS = 10 * 60 * 1000;

export interface AutomationRunInput {
  appointmentId: string;
  automationId: string;
  automationVersion: number;
  actions: AutomationAction[];
  triggerStatus: AppointmentStatus;
  appointment: AppointmentSnapshot;
  /**
   * The appointment recorded the run as running at its first step when it started it, so the run
   * does not report that (absent from runs started by older appointment code: they report it).
   */
  startRecorded?: boolean;
  /** carried over by continue-as-new */
  state?: AutomationRunState;
}

export interface AutomationRunState {
  /** index of the next action */
  pc: number;
  steps: number;
  skipOutbound: boolean;
  /** executions so far per action id: part of each message's dedup key */
  executions: Record<string, number>;
  /** appointment-time waits already behind us (fired or passed), by action index */
  passedTimeWaits: number[];
  snapshot: AppointmentSnapshot;
  rescheduled: boolean;
}

const messages = proxyActivities<MessageActivities>({
  // above the SMTP sender's own 60 s bound, so an attempt is never retried while it still sends
  startToCloseTimeout: '2 minutes',
  // sendMessage heartbeats: a worker that died mid-send is noticed in seconds, not minutes
  heartbeatTimeout: '30 seconds',
  scheduleToCloseTimeout: '2 hours',
  retry: { initialInterval: '2s', backoffCoefficient: 2, maximumInterval: '5 minutes' },
});

export async function automationRun(input: AutomationRunInput): Promise<AutomationRunStatus> {
  const { actions } = input;
  const runId = workflowInfo().workflowId;
  const state: AutomationRunState = input.state ?? {
    pc: 0,
    steps: 0,
    skipOutbound: false,
    executions: {},
    passedTimeWaits: [],
    snapshot: input.appointment,
    rescheduled: false,
  };

  // A progress report that repeats the previous one is not sent again (the first step used to be
  // reported twice: a signal and a workflow task on both sides). Runs started before keep theirs.
  const skipsRepeatedReports = patched('run-skips-repeated-reports');
  // Timeline entries travel with the next progress report (one signal, not two: a message's
  // `message.sent` and the next step's progress went out back to back). Runs started before keep theirs.
  const batchesTimeline = patched('run-batches-timeline');
  /** the last progress reported (without its timeline) */
  let lastReport: RunProgressReport | undefined;
  let unreported: TimelineEntry[] = [];

  setHandler(appointmentChangedSignal, (snapshot: AppointmentSnapshot) => {
    if (Date.parse(snapshot.startTime) !== Date.parse(state.snapshot.startTime)) state.rescheduled = true;
    state.snapshot = snapshot;
  });

  const stopped = () =>
    state.snapshot.deleted || (state.snapshot.status === 'cancelled' && input.triggerStatus !== 'cancelled');
  const startMs = () => Date.parse(state.snapshot.startTime);
  const indexOf = (actionId: string) => actions.findIndex((action) => action.id === actionId);
  const timeWaitTargets = () =>
    actions.flatMap((action) =>
      action.type === 'wait_for_appointment_time' ? [startMs() + parseOffsetMs(action.offset)] : [],
    );

  if (!input.state) {
    const started: RunProgressReport = {
      kind: 'progress',
      runWorkflowId: runId,
      status: 'running',
      currentStep: actions[0]?.id ?? null,
    };
    if (input.startRecorded) {
      lastReport = started;
    } else {
      await report(started);
    }
  }

  try {
    for (;;) {
      while (state.pc < actions.length) {
        if (stopped()) return await finish('stopped', 'the appointment was cancelled or deleted');
        if (state.rescheduled) rewindForReschedule();
        if (workflowInfo().continueAsNewSuggested) {
          await reportTimeline();
          await condition(allHandlersFinished);
          await continueAsNew<typeof automationRun>({ ...input, state });
        }
        state.steps += 1;
        if (state.steps > STEP_BUDGET) return await finish('failed', `step budget of ${STEP_BUDGET} actions exhausted`);
        await runAction(actions[state.pc] as AutomationAction);
      }
      // Done, but a reschedule before the appointment starts may bring reminders back.
      const targets = timeWaitTargets();
      if (targets.length === 0 || stopped()) break;
      const lingerUntil = Math.max(startMs(), ...targets);
      if (Date.now() >= lingerUntil) break;
      await reportTimeline(); // what the last steps did is visible while we linger
      await condition(() => state.rescheduled || stopped(), lingerUntil - Date.now());
      if (state.rescheduled) rewindForReschedule();
      if (state.pc >= actions.length) break;
    }
    return await finish(stopped() ? 'stopped' : 'completed');
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    await finish('failed', error instanceof Error ? error.message : String(error));
    throw error;
  }

  async function runAction(action: AutomationAction): Promise<void> {
    await report({ kind: 'progress', runWorkflowId: runId, status: 'running', currentStep: action.id });
    switch (action.type) {
      case 'wait':
        // A stop wakes us at once; the loop then ends the run.
        if (await condition(stopped, parseDurationMs(action.duration))) return;
        state.skipOutbound = false;
        state.pc += 1;
        return;
      case 'wait_for_appointment_time':
        return waitForAppointmentTime(action);
      case 'send_email':
      case 'send_sms':
      case 'internal_notification':
        return sendOutbound(action);
      default: {
        const unknown: never = action;
        throw new Error(`unknown action ${JSON.stringify(unknown)}`);
      }
    }
  }

  async function waitForAppointmentTime(
    action: Extract<AutomationAction, { type: 'wait_for_appointment_time' }>,
  ): Promise<void> {
    const index = state.pc;
    const target = startMs() + parseOffsetMs(action.offset);
    if (target > Date.now()) {
      const interrupted = await condition(() => state.rescheduled || stopped(), target - Date.now());
      if (interrupted) return; // the loop re-arms on the new time, or stops
      markPassed(index);
      state.skipOutbound = false;
      state.pc += 1;
      return;
    }
    // The point is already behind us: the step's policy decides.
    markPassed(index);
    const policy = action.ifPassed;
    await timeline('automation.wait_passed', {
      stepId: action.id,
      policy: typeof policy === 'string' ? policy : `goto:${policy.goto}`,
    });
    if (policy === 'next') {
      state.skipOutbound = false;
      state.pc += 1;
    } else if (policy === 'skip_outbound_until_next_wait') {
      state.skipOutbound = true;
      state.pc += 1;
    } else {
      state.skipOutbound = false;
      state.pc = indexOf(policy.goto);
    }
  }

  async function sendOutbound(action: OutboundAction): Promise<void> {
    state.pc += 1;
    const skipReason = state.skipOutbound
      ? 'skipped until the next wait: its appointment-time wait had already passed'
      : undefined;
    if (!skipReason && state.snapshot.meetingPending) {
      // The reference recipe waits a minute for the link; if Zoom is slower, wait for it a little more.
      await condition(() => !state.snapshot.meetingPending || stopped(), MEETING_LINK_WAIT_MS);
      if (stopped()) {
        state.pc -= 1; // not sent: the loop head ends the run
        return;
      }
    }
    const execution = (state.executions[action.id] ?? 0) + 1;
    state.executions[action.id] = execution;
    let result: SendMessageResult;
    try {
      result = await messages.sendMessage({
        dedupKey: `${runId}/${action.id}/${execution}`,
        appointmentId: input.appointmentId,
        runId,
        action,
        triggerStatus: input.triggerStatus,
        ...(skipReason ? { skipReason } : {}),
      });
    } catch (error) {
      if (!(error instanceof ActivityFailure)) throw error;
      // Retries exhausted (e.g. the provider down for hours): the step fails, the run goes on.
      const reason = error.cause?.message ?? error.message;
      await messages.recordMessageFailure({ dedupKey: `${runId}/${action.id}/${execution}`, reason });
      result = { status: 'failed', channel: channelOf(action), to: null, reason };
    }
    await timeline(`message.${result.status}`, {
      stepId: action.id,
      channel: result.channel,
      ...(result.to ? { to: result.to } : {}),
      ...(result.providerId ? { providerId: result.providerId } : {}),
      ...(result.reason ? { reason: result.reason } : {}),
    });
  }

  function markPassed(index: number): void {
    if (!state.passedTimeWaits.includes(index)) state.passedTimeWaits.push(index);
  }

  /** After a reschedule: go back to the earliest appointment-time wait behind us that is ahead again. */
  function rewindForReschedule(): void {
    state.rescheduled = false;
    const ahead = state.passedTimeWaits
      .filter((index) => {
        const action = actions[index];
        return action?.type === 'wait_for_appointment_time' && startMs() + parseOffsetMs(action.offset) > Date.now();
      })
      .sort((a, b) => a - b);
    const first = ahead[0];
    if (first === undefined || first >= state.pc) return;
    log.info('rescheduled: going back to an appointment-time wait', { from: state.pc, to: first });
    state.pc = first;
    state.skipOutbound = false;
    state.passedTimeWaits = state.passedTimeWaits.filter((index) => index < first);
  }

  async function finish(status: AutomationRunStatus, reason?: string): Promise<AutomationRunStatus> {
    const currentStep = actions[Math.min(state.pc, actions.length - 1)]?.id ?? null;
    if (reason && status !== 'completed') await timeline(`automation.${status}`, { reason });
    await report({
      kind: 'progress',
      runWorkflowId: runId,
      status,
      currentStep: status === 'completed' ? null : currentStep,
    });
    return status;
  }

  async function timeline(type: string, details: Record<string, unknown>): Promise<void> {
    const entry: TimelineEntry = { at: new Date(Date.now()).toISOString(), type, runId, ...details };
    if (batchesTimeline) unreported.push(entry);
    else await report({ kind: 'timeline', runWorkflowId: runId, entry });
  }

  /** Before a wait that no progress report precedes: the entries not yet reported go out now. */
  async function reportTimeline(): Promise<void> {
    if (unreported.length === 0) return;
    if (lastReport) return report(lastReport);
    const entries = unreported; // nothing reported yet in this execution (after a continue-as-new)
    unreported = [];
    for (const entry of entries) await report({ kind: 'timeline', runWorkflowId: runId, entry });
  }

  async function report(message: RunReport): Promise<void> {
    if (message.kind === 'progress') {
      const repeated = lastReport !== undefined && progressKey(message) === progressKey(lastReport);
      if (skipsRepeatedReports && repeated && unreported.length === 0) return;
      lastReport = { kind: 'progress', runWorkflowId: runId, status: message.status, currentStep: message.currentStep };
      if (unreported.length > 0) {
        message = { ...lastReport, timeline: unreported };
        unreported = [];
      }
    }
    try {
      await getExternalWorkflowHandle(appointmentWorkflowId(input.appointmentId)).signal(runReportSignal, message);
    } catch (error) {
      log.warn('appointment no longer listening', { error: String(error) });
    }
  }
}

function progressKey(message: RunProgressReport): string {
  return `${message.status} ${message.currentStep ?? ''}`;
}

function channelOf(action: OutboundAction): 'email' | 'sms' | 'in_app' {
  if (action.type === 'send_email') return 'email';
  if (action.type === 'send_sms') return 'sms';
  return action.channel;
}
