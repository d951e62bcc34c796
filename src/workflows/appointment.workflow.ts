/**
 * Appointment: one entity workflow per appointment, the single source of truth for its state.
 *
 * Lifecycle: started with the `createAppointment` update (update-with-start), then edited,
 * rescheduled, cancelled or deleted through updates; `appointmentView` answers the API. Behind each
 * change it reconciles the appointment's Zoom meeting slot (join, leave, update), starts the
 * automations whose trigger matches a status event, and tells running automations what changed.
 * It closes once deleted, or a week after the appointment ended, when no run and no meeting work is
 * left; its final view is archived for GET.
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  getExternalWorkflowHandle,
  log,
  ParentClosePolicy,
  patched,
  proxyActivities,
  proxyLocalActivities,
  setHandler,
  startChild,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import { WorkflowExecutionAlreadyStartedError } from '@temporalio/common';
import type { AppointmentActivities, MatchedAutomation } from '../activities/appointment-activity-types';
import {
  durationMinutes,
  isActiveStatus,
  MAX_APPOINTMENT_MINUTES,
  type AppointmentRecord,
  type AppointmentStatus,
  type AppointmentView,
  type AutomationRunSummary,
  type TimelineEntry,
  type ZoomMeetingRef,
} from '../domain/appointment';
import {
  AppointmentIdKey,
  AppointmentStartKey,
  AppointmentStatusKey,
  CalendarIdKey,
  ContactIdKey,
  HostUserIdKey,
} from '../temporal/search-attributes';
import { automationRun } from './automation-run.workflow';
import {
  appointmentChangedSignal,
  appointmentViewQuery,
  createAppointmentUpdate,
  deleteAppointmentUpdate,
  editAppointmentUpdate,
  leaveSlotSignal,
  runReportSignal,
  slotNoticeSignal,
  updateSlotMemberSignal,
  type AppointmentSnapshot,
  type CreateAppointmentOutcome,
  type EditAppointmentRequest,
  type RunReport,
  type SlotNotice,
} from './messages';
import { automationRunWorkflowId, meetingSlotWorkflowId } from './workflow-ids';

/** How long an appointment stays open after it ended, for late status changes (showed, no-show). */
export const CLOSE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;
/** An appointment workflow whose creating update never came (should not happen) gives up after this. */
const CREATION_DEADLINE_MS = 10 * 60 * 1000;

export interface AppointmentWorkflowInput {
  appointmentId: string;
  /** carried over by continue-as-new */
  state?: AppointmentState;
}

interface MeetingState {
  /** the slot we are a member of (null: none) */
  slotWorkflowId: string | null;
  status: 'none' | 'pending' | 'ready' | 'unavailable';
  zoom: ZoomMeetingRef | null;
  /** topic and duration last given to the slot, to send an update only on change */
  sentTopic: string | null;
  sentDuration: number | null;
}

interface RunState extends AutomationRunSummary {
  /** whether it still wants snapshots */
  active: boolean;
  /** the snapshot it has (JSON): the one it started with, or the last one sent */
  snapshot?: string;
}

export interface AppointmentState {
  record: AppointmentRecord | null;
  /** the create request as first received, to tell a repeat from a conflict */
  createFingerprint: string | null;
  deleted: boolean;
  meeting: MeetingState;
  /** slots we left and whose answer (meeting deleted or kept) we await */
  leftSlots: string[];
  runs: Record<string, RunState>;
  timeline: TimelineEntry[];
  eventSeq: number;
  /** status events not yet routed to automations */
  pendingStatusEvents: { seq: number; status: AppointmentStatus }[];
  /** in-app notifications for the host not yet stored */
  pendingHostNotices: { key: string; subject: string; body: string }[];
  runsNeedSnapshot: boolean;
  /** the meeting slot must be reconciled with the record */
  meetingDirty: boolean;
}

const ACTIVITY_OPTIONS = {
  startToCloseTimeout: '30 seconds',
  retry: { initialInterval: '1s', backoffCoefficient: 2, maximumInterval: '1 minute' },
} as const;
const activities = proxyActivities<AppointmentActivities>(ACTIVITY_OPTIONS);
/**
 * Matching a status event to automations only reads our database: as a local activity it runs
 * inside the workflow task that asks for it, not as a task of its own for the server to queue, hand
 * out and record. Joining the slot stays an activity: as a local activity its signal would reach the
 * slot before the task that set our state is committed, and the slot's answer could then be replayed
 * before that state (a worker killed mid-task) and be dropped.
 */
const localActivities = proxyLocalActivities<Pick<AppointmentActivities, 'matchAutomations'>>(ACTIVITY_OPTIONS);

export async function appointment(input: AppointmentWorkflowInput): Promise<AppointmentView | null> {
  const state: AppointmentState = input.state ?? {
    record: null,
    createFingerprint: null,
    deleted: false,
    meeting: { slotWorkflowId: null, status: 'none', zoom: null, sentTopic: null, sentDuration: null },
    leftSlots: [],
    runs: {},
    timeline: [],
    eventSeq: 0,
    pendingStatusEvents: [],
    pendingHostNotices: [],
    runsNeedSnapshot: false,
    meetingDirty: false,
  };
  // A run is sent a snapshot only when it differs from the one it has (it was sent the same one right
  // after it started with it: a signal and a workflow task for nothing). Executions before keep theirs.
  const sendsChangedSnapshotsOnly = patched('appointment-sends-changed-snapshots');
  // Trigger matching as a local activity, and a run recorded as running at its first step when it is
  // started (it then does not report that): a workflow task fewer each. Executions before keep theirs.
  const matching = patched('appointment-local-trigger-match') ? localActivities : activities;
  const recordsRunStart = patched('appointment-records-run-start');
  // A slot may answer our leave in the same workflow task as the completion of the leave signal, and
  // signals are handled first: a slot counts as left from the moment we signal it, or its answer was
  // dropped and the appointment never closed. Executions before keep theirs.
  const marksSlotLeftFirst = patched('appointment-marks-slot-left-first');
  const now = () => new Date(Date.now()).toISOString();
  const addTimeline = (type: string, details: Record<string, unknown> = {}) =>
    state.timeline.push({ at: now(), type, ...details });

  // ── handlers ──────────────────────────────────────────────────────────────────────────────────

  setHandler(appointmentViewQuery, () => (state.record ? view(state) : null));

  setHandler(createAppointmentUpdate, ({ record }): CreateAppointmentOutcome => {
    const fingerprint = createFingerprint(record);
    if (state.record) {
      return { outcome: fingerprint === state.createFingerprint ? 'repeated' : 'conflict', view: view(state) };
    }
    state.record = record;
    state.createFingerprint = fingerprint;
    addTimeline('created', { status: record.status, startTime: record.startTime, endTime: record.endTime });
    queueStatusEvent(record.status);
    state.meetingDirty = true;
    updateSearchAttributes(record);
    return { outcome: 'created', view: view(state) };
  });

  setHandler(
    editAppointmentUpdate,
    (patch: EditAppointmentRequest): AppointmentView => {
      const record = state.record as AppointmentRecord;
      const next: AppointmentRecord = { ...record };
      if (patch.startTime !== undefined) next.startTime = patch.startTime;
      if (patch.endTime !== undefined) next.endTime = patch.endTime;
      if (patch.title !== undefined) next.title = patch.title;
      if (patch.notes !== undefined) next.notes = patch.notes;
      if (patch.status !== undefined) next.status = patch.status;
      if (patch.assignedUserId !== undefined) next.assignedUserId = patch.assignedUserId;

      const timesChanged =
        Date.parse(next.startTime) !== Date.parse(record.startTime) ||
        Date.parse(next.endTime) !== Date.parse(record.endTime);
      const edited = (['title', 'notes', 'assignedUserId'] as const).filter((field) => next[field] !== record[field]);
      const statusChanged = next.status !== record.status;
      if (!timesChanged && edited.length === 0 && !statusChanged) return view(state); // a repeat changes nothing

      state.record = next;
      if (timesChanged) {
        addTimeline('rescheduled', {
          from: { startTime: record.startTime, endTime: record.endTime },
          to: { startTime: next.startTime, endTime: next.endTime },
        });
      }
      if (edited.length > 0) addTimeline('edited', { fields: edited });
      if (statusChanged) {
        addTimeline('status_changed', { from: record.status, to: next.status });
        if (next.status === 'cancelled') addTimeline('cancelled');
        queueStatusEvent(next.status);
      }
      state.meetingDirty = true;
      state.runsNeedSnapshot = true;
      updateSearchAttributes(next);
      return view(state);
    },
    {
      validator: (patch: EditAppointmentRequest) => {
        if (!state.record)
          throw ApplicationFailure.nonRetryable('the appointment does not exist yet', 'appointment_not_found');
        if (state.deleted) throw ApplicationFailure.nonRetryable('the appointment was deleted', 'appointment_deleted');
        const start = Date.parse(patch.startTime ?? state.record.startTime);
        const end = Date.parse(patch.endTime ?? state.record.endTime);
        if (end <= start) throw ApplicationFailure.nonRetryable('endTime must be after startTime', 'invalid_times');
        if (end - start > MAX_APPOINTMENT_MINUTES * 60_000) {
          throw ApplicationFailure.nonRetryable(
            `an appointment may last at most ${MAX_APPOINTMENT_MINUTES / 60} hours`,
            'too_long',
          );
        }
      },
    },
  );

  setHandler(deleteAppointmentUpdate, (): AppointmentView => {
    if (!state.record)
      throw ApplicationFailure.nonRetryable('the appointment does not exist yet', 'appointment_not_found');
    if (state.deleted) return view(state);
    state.deleted = true;
    addTimeline('deleted');
    state.meetingDirty = true;
    state.runsNeedSnapshot = true;
    return view(state);
  });

  setHandler(slotNoticeSignal, (notice: SlotNotice) => onSlotNotice(notice));
  setHandler(runReportSignal, (report: RunReport) => onRunReport(report));

  // ── main loop ─────────────────────────────────────────────────────────────────────────────────

  const created = await condition(() => state.record !== null, CREATION_DEADLINE_MS);
  if (!created) return null;

  for (;;) {
    const hasWork = () =>
      state.meetingDirty ||
      state.pendingStatusEvents.length > 0 ||
      state.pendingHostNotices.length > 0 ||
      state.runsNeedSnapshot ||
      timeToLeave();
    // Checked before waiting: every update or signal brings us back here.
    if (workflowInfo().continueAsNewSuggested && !hasWork() && !readyToClose()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof appointment>({ appointmentId: input.appointmentId, state });
    }
    const closeIn = closeAt() - Date.now();
    // Wake for work, or at the close time (to leave the slot and close).
    if (closeIn > 0) await condition(() => hasWork() || readyToClose(), closeIn);
    else await condition(() => hasWork() || readyToClose());

    if (timeToLeave()) state.meetingDirty = true;
    if (state.meetingDirty) {
      state.meetingDirty = false;
      await reconcileMeeting();
    }
    if (state.pendingStatusEvents.length > 0) {
      const event = state.pendingStatusEvents.shift() as { seq: number; status: AppointmentStatus };
      await routeStatusEvent(event.seq, event.status);
      continue;
    }
    if (state.pendingHostNotices.length > 0) {
      const notice = state.pendingHostNotices.shift() as { key: string; subject: string; body: string };
      const record = state.record as AppointmentRecord;
      if (record.assignedUserId) {
        await activities.createInAppNotification({
          ...notice,
          userId: record.assignedUserId,
          appointmentId: record.id,
        });
      }
      continue;
    }
    if (state.runsNeedSnapshot) {
      state.runsNeedSnapshot = false;
      await sendSnapshots();
      continue;
    }
    if (readyToClose()) {
      await condition(allHandlersFinished);
      if (hasWork() || !readyToClose()) continue;
      const finalView = view(state);
      await activities.archiveAppointment(finalView);
      return finalView;
    }
  }

  // ── helpers (closures over state) ─────────────────────────────────────────────────────────────

  function closeAt(): number {
    if (state.deleted) return Date.now();
    return Date.parse((state.record as AppointmentRecord).endTime) + CLOSE_GRACE_MS;
  }

  /** Past the close time we leave the slot (the meeting is over and is kept), then close. */
  function timeToLeave(): boolean {
    return Date.now() >= closeAt() && state.meeting.slotWorkflowId !== null && !state.deleted;
  }

  function readyToClose(): boolean {
    return (
      Date.now() >= closeAt() &&
      state.meeting.slotWorkflowId === null &&
      state.leftSlots.length === 0 &&
      state.pendingStatusEvents.length === 0 &&
      state.pendingHostNotices.length === 0 &&
      !state.meetingDirty &&
      Object.values(state.runs).every((run) => run.status !== 'running')
    );
  }

  function queueStatusEvent(status: AppointmentStatus): void {
    state.eventSeq += 1;
    state.pendingStatusEvents.push({ seq: state.eventSeq, status });
  }

  function desiredSlot(record: AppointmentRecord): string | null {
    if (state.deleted || !isActiveStatus(record.status) || record.location.type !== 'zoom' || !record.assignedUserId)
      return null;
    if (Date.now() >= closeAt()) return null;
    return meetingSlotWorkflowId(record.assignedUserId, record.startTime);
  }

  async function reconcileMeeting(): Promise<void> {
    const record = state.record as AppointmentRecord;
    const desired = desiredSlot(record);
    const topic = record.title ?? record.calendarName;
    const minutes = durationMinutes(record.startTime, record.endTime);
    const current = state.meeting.slotWorkflowId;

    if (desired === current) {
      if (desired && (topic !== state.meeting.sentTopic || minutes !== state.meeting.sentDuration)) {
        state.meeting.sentTopic = topic;
        state.meeting.sentDuration = minutes;
        await getExternalWorkflowHandle(desired).signal(updateSlotMemberSignal, {
          appointmentId: record.id,
          topic,
          durationMinutes: minutes,
        });
      }
      return;
    }
    if (current) {
      if (marksSlotLeftFirst) state.leftSlots.push(current);
      await getExternalWorkflowHandle(current)
        .signal(leaveSlotSignal, { appointmentId: record.id })
        .then(
          () => {
            if (!marksSlotLeftFirst) state.leftSlots.push(current);
          },
          (error: unknown) => {
            // a slot that is gone sends no answer to wait for
            if (marksSlotLeftFirst) state.leftSlots = state.leftSlots.filter((slot) => slot !== current);
            log.warn('meeting slot already gone', { slot: current, error: String(error) });
          },
        );
    }
    state.meeting = {
      slotWorkflowId: desired,
      status: desired ? 'pending' : 'none',
      zoom: null,
      sentTopic: null,
      sentDuration: null,
    };
    state.runsNeedSnapshot = true;
    if (desired) {
      state.meeting.sentTopic = topic;
      state.meeting.sentDuration = minutes;
      await activities.joinMeetingSlot({
        slotWorkflowId: desired,
        hostUserId: record.assignedUserId as string,
        startTime: new Date(Date.parse(record.startTime)).toISOString(),
        member: { appointmentId: record.id, topic, durationMinutes: minutes },
      });
    }
  }

  function onSlotNotice(notice: SlotNotice): void {
    if (notice.kind === 'released') {
      if (!state.leftSlots.includes(notice.slotWorkflowId)) return;
      state.leftSlots = state.leftSlots.filter((slot) => slot !== notice.slotWorkflowId);
      if (notice.meetingDeleted) addTimeline('zoom.meeting_deleted', { meetingId: notice.meetingId });
      else if (notice.meetingId && notice.sharedWith > 0)
        addTimeline('zoom.meeting_kept', { meetingId: notice.meetingId, sharedWith: notice.sharedWith });
      return;
    }
    if (notice.slotWorkflowId !== state.meeting.slotWorkflowId) return; // from a slot we already left
    switch (notice.kind) {
      case 'assigned':
        state.meeting.status = 'ready';
        state.meeting.zoom = notice.meeting;
        addTimeline(notice.createdForThisAppointment ? 'zoom.meeting_created' : 'zoom.link_reused', {
          meetingId: notice.meeting.id,
          joinUrl: notice.meeting.joinUrl,
        });
        break;
      case 'updated':
        state.meeting.zoom = notice.meeting;
        addTimeline('zoom.meeting_updated', { meetingId: notice.meeting.id, changes: notice.changes });
        break;
      case 'unavailable': {
        const type =
          notice.reason === 'not_connected'
            ? 'zoom.not_connected'
            : notice.reason === 'quota_exhausted'
              ? 'zoom.quota_exhausted'
              : 'zoom.failed';
        addTimeline(type, { reason: notice.message, ...(notice.retryAt ? { retryAt: notice.retryAt } : {}) });
        if (!notice.retryAt) state.meeting.status = 'unavailable';
        state.pendingHostNotices.push({
          key: `${workflowInfo().workflowId}:${type}:${state.timeline.length}`,
          subject: notice.retryAt ? 'Zoom meeting delayed' : 'No Zoom meeting for an appointment',
          body: hostNoticeBody(state.record as AppointmentRecord, notice),
        });
        break;
      }
      default: {
        const unexpected: never = notice;
        log.warn('unknown slot notice', { notice: unexpected });
      }
    }
    state.runsNeedSnapshot = true;
  }

  function onRunReport(report: RunReport): void {
    const run = state.runs[report.runWorkflowId];
    if (!run) return;
    if (report.kind === 'progress') {
      state.timeline.push(...(report.timeline ?? []));
      run.status = report.status;
      run.currentStep = report.currentStep;
      run.active = report.status === 'running';
    } else {
      state.timeline.push(report.entry);
    }
  }

  async function routeStatusEvent(seq: number, status: AppointmentStatus): Promise<void> {
    const record = state.record as AppointmentRecord;
    const matches: MatchedAutomation[] = await matching.matchAutomations({
      appointmentId: record.id,
      calendarId: record.calendarId,
      assignedUserId: record.assignedUserId,
      eventType: record.eventType,
      status,
    });
    for (const match of matches) {
      const runWorkflowId = automationRunWorkflowId(match.automationId, record.id, seq);
      if (state.runs[runWorkflowId]) continue;
      const startedWith = snapshot();
      let snapshotKnown = true;
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
              ...(recordsRunStart ? { startRecorded: true } : {}),
            },
          ],
        });
      } catch (error) {
        if (!(error instanceof WorkflowExecutionAlreadyStartedError)) throw error;
        snapshotKnown = false; // started before, with what we no longer know
      }
      state.runs[runWorkflowId] = {
        runId: runWorkflowId,
        automationId: match.automationId,
        automationVersion: match.version,
        status: 'running',
        currentStep: recordsRunStart ? (match.actions[0]?.id ?? null) : null,
        active: true,
        ...(snapshotKnown ? { snapshot: JSON.stringify(startedWith) } : {}),
      };
      addTimeline('automation.triggered', {
        automationId: match.automationId,
        automationVersion: match.version,
        runId: runWorkflowId,
        status,
      });
    }
  }

  function snapshot(): AppointmentSnapshot {
    const record = state.record as AppointmentRecord;
    return {
      startTime: record.startTime,
      endTime: record.endTime,
      status: record.status,
      deleted: state.deleted,
      meetingPending: state.meeting.status === 'pending',
    };
  }

  async function sendSnapshots(): Promise<void> {
    const current = snapshot();
    const currentJson = JSON.stringify(current);
    for (const run of Object.values(state.runs)) {
      if (!run.active) continue;
      if (sendsChangedSnapshotsOnly && run.snapshot === currentJson) continue;
      run.snapshot = currentJson;
      try {
        await getExternalWorkflowHandle(run.runId).signal(appointmentChangedSignal, current);
      } catch (error) {
        run.active = false; // it finished meanwhile
        log.info('automation run no longer listening', { runId: run.runId, error: String(error) });
      }
    }
  }

  function updateSearchAttributes(record: AppointmentRecord): void {
    upsertSearchAttributes([
      { key: AppointmentIdKey, value: record.id },
      { key: ContactIdKey, value: record.contactId },
      { key: CalendarIdKey, value: record.calendarId },
      { key: HostUserIdKey, value: record.assignedUserId ?? '' },
      { key: AppointmentStatusKey, value: record.status },
      { key: AppointmentStartKey, value: new Date(Date.parse(record.startTime)) },
    ]);
  }
}

function view(state: AppointmentState): AppointmentView {
  const record = state.record as AppointmentRecord;
  const zoom = state.meeting.status === 'ready' ? state.meeting.zoom : null;
  return {
    id: record.id,
    calendarId: record.calendarId,
    contactId: record.contactId,
    assignedUserId: record.assignedUserId,
    title: record.title,
    notes: record.notes,
    startTime: record.startTime,
    endTime: record.endTime,
    status: record.status,
    eventType: record.eventType,
    deleted: state.deleted,
    meetingLocation: record.location.type === 'static' ? record.location.value : (zoom?.joinUrl ?? null),
    zoomMeeting: zoom,
    automationRuns: Object.values(state.runs).map(({ active: _active, snapshot: _snapshot, ...summary }) => summary),
    timeline: state.timeline,
  };
}

/** The caller-given fields of a creation, canonical: a repeat matches, another body does not. */
function createFingerprint(record: AppointmentRecord): string {
  return JSON.stringify([
    record.calendarId,
    record.contactId,
    record.assignedUserId,
    record.title,
    record.notes,
    Date.parse(record.startTime),
    Date.parse(record.endTime),
    record.status,
    record.eventType,
  ]);
}

function hostNoticeBody(record: AppointmentRecord, notice: Extract<SlotNotice, { kind: 'unavailable' }>): string {
  const when = new Date(Date.parse(record.startTime)).toISOString();
  if (notice.retryAt)
    return `The Zoom meeting for appointment ${record.id} (${when}) will be created after ${notice.retryAt}: ${notice.message}`;
  return `Appointment ${record.id} (${when}) has no Zoom meeting: ${notice.message}`;
}
