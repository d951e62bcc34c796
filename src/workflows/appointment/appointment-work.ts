/**
 * The work the appointment's loop carries out after its rules decided it: signalling the meeting
 * slot, starting automation runs for a status event, sending runs the current snapshot, storing a
 * host notification, archiving the final view.
 */
import {
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  proxyActivities,
  proxyLocalActivities,
  startChild,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { AppointmentActivities } from '../../activities/appointment-activity-types';
import { automationRun } from '../automation-run/automation-run.workflow';
import { appointmentChangedSignal, leaveSlotSignal, updateSlotMemberSignal } from '../messages';
import { automationRunWorkflowId } from '../workflow-ids';
import { recordOf, type AppointmentState, type HostNotice, type PendingStatusEvent } from './appointment-state';
import { snapshotOf } from './appointment-view';
import { recordRunStarted, runStoppedListening, runsToUpdate } from './automation-runs';
import { reconcileSlot, slotAlreadyGone } from './slot-membership';

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
export const activities = proxyActivities<AppointmentActivities>(ACTIVITY_OPTIONS);
/**
 * Matching a status event to automations only reads our database: as a local activity it runs
 * inside the workflow task that asks for it, not as a task of its own for the server to queue, hand
 * out and record. Joining the slot stays an activity: as a local activity its signal would reach the
 * slot before the task that set our state is committed, and the slot's answer could then be replayed
 * before that state (a worker killed mid-task) and be dropped.
 */
const localActivities = proxyLocalActivities<Pick<AppointmentActivities, 'matchAutomations'>>(ACTIVITY_OPTIONS);

/** Brings the slot membership in line with the record: update, leave, join. */
export async function reconcileMeeting(state: AppointmentState): Promise<void> {
  const change = reconcileSlot(state, Date.now());
  if (change.kind === 'update') {
    await getExternalWorkflowHandle(change.slotWorkflowId).signal(updateSlotMemberSignal, change.member);
    return;
  }
  if (change.kind === 'none') return;
  const { leave, join } = change;
  if (leave) {
    try {
      await getExternalWorkflowHandle(leave).signal(leaveSlotSignal, { appointmentId: recordOf(state).id });
    } catch (error) {
      slotAlreadyGone(state, leave);
      log.warn('meeting slot already gone', { slot: leave, error: String(error) });
    }
  }
  if (join) await activities.joinMeetingSlot(join);
}

/**
 * Starts the automations whose trigger matches a status event, one run each. Which ones is the
 * local activity's answer, recorded in history: an event's source and whether it is the creation
 * change what it answers, never the commands that follow from an answer.
 */
export async function routeStatusEvent(state: AppointmentState, event: PendingStatusEvent): Promise<void> {
  const { seq, status } = event;
  const record = recordOf(state);
  const matches = await localActivities.matchAutomations({
    appointmentId: record.id,
    calendarId: record.calendarId,
    assignedUserId: record.assignedUserId,
    eventType: record.eventType,
    status,
    source: event.source ?? 'api',
    ...(event.sourceAutomationId !== undefined ? { sourceAutomationId: event.sourceAutomationId } : {}),
    booked: event.booked === true,
  });
  for (const match of matches) {
    const runWorkflowId = automationRunWorkflowId(match.automationId, record.id, seq);
    if (state.runs[runWorkflowId]) continue;
    let startedWith: ReturnType<typeof snapshotOf> | null = snapshotOf(state);
    try {
      await startChild(automationRun, {
        workflowId: runWorkflowId,
        parentClosePolicy: ParentClosePolicy.ABANDON,
        args: [
          {
            appointmentId: record.id,
            automationId: match.automationId,
            automationVersion: match.version,
            actions: match.actions,
            triggerStatus: status,
            appointment: startedWith,
          },
        ],
      });
    } catch (error) {
      if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
      startedWith = null; // started before, with what we no longer know
    }
    recordRunStarted(state, { runWorkflowId, match, status, source: event.source ?? 'api', startedWith }, Date.now());
  }
}

/** Each active run that lacks the current snapshot is sent it. */
export async function sendSnapshots(state: AppointmentState): Promise<void> {
  const snapshot = snapshotOf(state);
  for (const runId of runsToUpdate(state, snapshot)) {
    if (!state.runs[runId]?.active) continue; // it finished while we told the others
    try {
      await getExternalWorkflowHandle(runId).signal(appointmentChangedSignal, snapshot);
    } catch (error) {
      runStoppedListening(state, runId);
      log.info('automation run no longer listening', { runId, error: String(error) });
    }
  }
}

export async function notifyHost(state: AppointmentState, notice: HostNotice): Promise<void> {
  const record = recordOf(state);
  if (!record.assignedUserId) return;
  await activities.createInAppNotification({ ...notice, userId: record.assignedUserId, appointmentId: record.id });
}
