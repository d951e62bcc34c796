/**
 * Automation run: one durable interpretation of a user's automation for one status event of one
 * appointment, at the automation version it started with.
 *
 * Actions run in order: fixed waits, messages (e-mail, SMS, internal notification), waits for a
 * point relative to the appointment's start, whose `ifPassed` policy decides what happens when that
 * point is already behind us, and conditions that choose the next step. A wait with a window goes on
 * only inside it (window-hold.ts). The appointment tells the run of every change:
 * - rescheduled: the pending appointment-time wait re-arms on the new time; and if an earlier such
 *   wait (a reminder already sent, or skipped because its time had passed) lies in the future again,
 *   the run goes back to it, so the new time gets its reminders — never the old time;
 * - cancelled or deleted: the run sends nothing more (unless the cancellation is what triggered it).
 * Once its actions are done, a run with appointment-time waits lingers until the appointment has
 * started, so a later reschedule can still re-arm its reminders.
 *
 * The pointer's rules are in run-program.ts, the reporting to the appointment in run-reporter.ts.
 */
import {
  allHandlersFinished,
  condition,
  ContinueAsNew,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  patched,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AppointmentStatus, AutomationRunStatus } from '../../domain/appointment';
import type { AutomationAction } from '../../domain/automation';
import { runIsStopped } from '../../domain/automation-run-rules';
import { parseDurationMs } from '../../domain/durations';
import { appointmentChangedSignal, runReportSignal, type AppointmentSnapshot, type RunReport } from '../messages';
import { RUN_STATUS_SEARCH_ATTRIBUTE } from '../patches';
import { appointmentWorkflowId } from '../workflow-ids';
import { AutomationRunStatusKey } from '../../temporal/search-attributes';
import { runCondition } from './condition-step';
import { sendOutbound } from './outbound-step';
import {
  applyIfPassed,
  completeWait,
  ifPassedLabel,
  lingerUntil,
  markTimeWaitPassed,
  receiveSnapshot,
  rewindForReschedule,
  startProgram,
  stepAtPointer,
  timeWaitTarget,
  type RunProgram,
} from './run-program';
import type { RunContext } from './run-context';
import { RunReporter, type ReportedProgress } from './run-reporter';
import { hasWindow, holdForWindow } from './window-hold';

/** Most actions one run may execute: a bad definition cannot spin forever. */
export const STEP_BUDGET = 500;

export interface AutomationRunInput {
  appointmentId: string;
  automationId: string;
  automationVersion: number;
  actions: AutomationAction[];
  triggerStatus: AppointmentStatus;
  /** the appointment as the run starts; the appointment records the run as running at its first step */
  appointment: AppointmentSnapshot;
  /** carried over by continue-as-new */
  state?: { program: RunProgram; reported: ReportedProgress };
}

export async function automationRun(input: AutomationRunInput): Promise<AutomationRunStatus> {
  const { actions } = input;
  const runId = workflowInfo().workflowId;
  const program = input.state?.program ?? startProgram(input.appointment);
  const reporter = new RunReporter(
    runId,
    (report) => tellAppointment(input.appointmentId, report),
    input.state?.reported ?? { status: 'running', currentStep: actions[0]?.id ?? null },
  );
  const run: RunContext = {
    input,
    runId,
    program,
    reporter,
    stopped: () => runIsStopped(program.snapshot, input.triggerStatus),
    timeline: (type, details) => reporter.timeline({ at: new Date(Date.now()).toISOString(), type, runId, ...details }),
  };

  setHandler(appointmentChangedSignal, (snapshot: AppointmentSnapshot) => receiveSnapshot(program, snapshot));

  try {
    for (;;) {
      while (program.pc < actions.length) {
        if (run.stopped()) return await finish(run, 'stopped', 'the appointment was cancelled or deleted');
        if (program.rescheduled) rewind(run);
        if (workflowInfo().continueAsNewSuggested) {
          await reporter.flush();
          await condition(allHandlersFinished);
          await continueAsNew<typeof automationRun>({ ...input, state: { program, reported: reporter.reported } });
        }
        program.steps += 1;
        if (program.steps > STEP_BUDGET) {
          return await finish(run, 'failed', `step budget of ${STEP_BUDGET} actions exhausted`);
        }
        await runAction(run, actions[program.pc] as AutomationAction);
      }
      // Done, but a reschedule before the appointment starts may bring reminders back.
      const until = run.stopped() ? null : lingerUntil(program, actions, Date.now());
      if (until === null) break;
      await reporter.flush(); // what the last steps did is visible while we linger
      await condition(() => program.rescheduled || run.stopped(), until - Date.now());
      if (program.rescheduled) rewind(run);
      if (program.pc >= actions.length) break;
    }
    return await finish(run, run.stopped() ? 'stopped' : 'completed');
  } catch (error) {
    if (error instanceof ContinueAsNew) throw error;
    await finish(run, 'failed', error instanceof Error ? error.message : String(error));
    throw error;
  }
}

async function runAction(run: RunContext, action: AutomationAction): Promise<void> {
  await run.reporter.progress('running', action.id);
  switch (action.type) {
    case 'wait':
      // A stop wakes us at once; the loop then ends the run.
      if (await condition(run.stopped, parseDurationMs(action.duration))) return;
      if (hasWindow(action) && !(await holdForWindow(run, action, run.stopped))) return;
      completeWait(run.program);
      return;
    case 'wait_for_appointment_time':
      return waitForAppointmentTime(run, action);
    case 'condition':
      return runCondition(run, action);
    case 'send_email':
    case 'send_sms':
    case 'internal_notification':
      return sendOutbound(run, action);
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}

async function waitForAppointmentTime(
  run: RunContext,
  action: Extract<AutomationAction, { type: 'wait_for_appointment_time' }>,
): Promise<void> {
  const { program } = run;
  const target = timeWaitTarget(program, action);
  const interrupted = () => program.rescheduled || run.stopped();
  if (target > Date.now()) {
    if (await condition(interrupted, target - Date.now())) return; // the loop re-arms on the new time, or stops
    if (hasWindow(action) && !(await holdForWindow(run, action, interrupted))) return;
    markTimeWaitPassed(program, program.pc);
    completeWait(program);
    return;
  }
  // The point is already behind us: the step's policy decides, inside the step's window.
  run.timeline('automation.wait_passed', { stepId: action.id, policy: ifPassedLabel(action.ifPassed) });
  if (hasWindow(action) && !(await holdForWindow(run, action, interrupted))) return;
  applyIfPassed(program, run.input.actions, action.ifPassed);
}

function rewind(run: RunContext): void {
  const moved = rewindForReschedule(run.program, run.input.actions, Date.now());
  if (moved) log.info('rescheduled: going back to an appointment-time wait', moved);
}

async function finish(run: RunContext, status: AutomationRunStatus, reason?: string): Promise<AutomationRunStatus> {
  const currentStep = stepAtPointer(run.program, run.input.actions);
  if (reason && status !== 'completed') run.timeline(`automation.${status}`, { reason });
  await run.reporter.progress(status, status === 'completed' ? null : currentStep);
  if (patched(RUN_STATUS_SEARCH_ATTRIBUTE.id)) upsertSearchAttributes([{ key: AutomationRunStatusKey, value: status }]);
  return status;
}

/** An appointment that has closed meanwhile no longer listens: nothing to do about it. */
async function tellAppointment(appointmentId: string, report: RunReport): Promise<void> {
  try {
    await getExternalWorkflowHandle(appointmentWorkflowId(appointmentId)).signal(runReportSignal, report);
  } catch (error) {
    log.warn('appointment no longer listening', { error: String(error) });
  }
}
