/**
 * The appointment's state and its rules: what a create, edit or delete changes, what the timeline
 * records, when the appointment may close, and what the API sees. Pure: the workflow passes the
 * clock (`now`, workflow time) and carries out the work these rules queue; unit tests call them
 * directly. The meeting-slot and automation-run rules, and what others see (appointment-view.ts),
 * are in their own modules beside this one.
 */
import {
  MAX_APPOINTMENT_MINUTES,
  type AppointmentRecord,
  type AppointmentStatus,
  type AutomationRunSummary,
  type ChangeSource,
  type TimelineEntry,
  type ZoomMeetingRef,
} from '../../domain/appointment';
import {
  MAX_LINK_EVENTS,
  type ChangeOrigin,
  type CreateAppointmentOutcome,
  type EditAppointmentRequest,
  type SelfServiceLinkEvent,
} from '../messages';

/** How long an appointment stays open after it ended, for late status changes (showed, no-show). */
export const CLOSE_GRACE_MS = 7 * 24 * 60 * 60 * 1000;

export interface MeetingState {
  /** the slot we are a member of (null: none) */
  slotWorkflowId: string | null;
  status: 'none' | 'pending' | 'ready' | 'unavailable';
  zoom: ZoomMeetingRef | null;
  /** topic and duration last given to the slot, to send an update only on change */
  sentTopic: string | null;
  sentDuration: number | null;
}

export interface RunState extends AutomationRunSummary {
  /** whether it still wants snapshots */
  active: boolean;
  /** the snapshot it has (JSON): the one it started with, or the last one sent */
  snapshot?: string;
}

/** A status event not yet routed to automations: the creation or a change of status, and who made it. */
export interface PendingStatusEvent {
  seq: number;
  status: AppointmentStatus;
  /** absent in events queued before sources existed: `api` */
  source?: ChangeSource;
  sourceAutomationId?: string;
  /** the appointment's creation (fires `appointment_booked` triggers) */
  booked?: boolean;
}

export interface HostNotice {
  key: string;
  subject: string;
  body: string;
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
  pendingStatusEvents: PendingStatusEvent[];
  /** in-app notifications for the host not yet stored */
  pendingHostNotices: HostNotice[];
  runsNeedSnapshot: boolean;
  /** the meeting slot must be reconciled with the record */
  meetingDirty: boolean;
}

export const NO_MEETING: MeetingState = {
  slotWorkflowId: null,
  status: 'none',
  zoom: null,
  sentTopic: null,
  sentDuration: null,
};

export function newAppointmentState(): AppointmentState {
  return {
    record: null,
    createFingerprint: null,
    deleted: false,
    meeting: { ...NO_MEETING },
    leftSlots: [],
    runs: {},
    timeline: [],
    eventSeq: 0,
    pendingStatusEvents: [],
    pendingHostNotices: [],
    runsNeedSnapshot: false,
    meetingDirty: false,
  };
}

/** The record, once the appointment was created (every handler but create runs after that). */
export function recordOf(state: AppointmentState): AppointmentRecord {
  if (!state.record) throw new Error('the appointment was not created');
  return state.record;
}

export function addTimeline(
  state: AppointmentState,
  now: number,
  type: string,
  details: Record<string, unknown> = {},
): void {
  state.timeline.push({ at: new Date(now).toISOString(), type, ...details });
}

/** Who made a change, as its timeline entries and status events record it (`api` when nobody said). */
export function originOf(origin: ChangeOrigin): { source: ChangeSource; sourceAutomationId?: string } {
  const source = origin.source ?? 'api';
  return source === 'automation' && origin.sourceAutomationId !== undefined
    ? { source, sourceAutomationId: origin.sourceAutomationId }
    : { source };
}

function queueStatusEvent(
  state: AppointmentState,
  status: AppointmentStatus,
  origin: ChangeOrigin,
  booked: boolean,
): void {
  state.eventSeq += 1;
  state.pendingStatusEvents.push({ seq: state.eventSeq, status, ...originOf(origin), ...(booked ? { booked } : {}) });
}

// ── changes ─────────────────────────────────────────────────────────────────────────────────────

/** The caller-given fields of a creation, canonical: a repeat matches, another body does not. */
export function createFingerprint(record: AppointmentRecord): string {
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

/** A creation; the same creation again is a repeat, another one with this ID a conflict. */
export function create(
  state: AppointmentState,
  record: AppointmentRecord,
  now: number,
  origin: ChangeOrigin = {},
): CreateAppointmentOutcome['outcome'] {
  const fingerprint = createFingerprint(record);
  if (state.record) return fingerprint === state.createFingerprint ? 'repeated' : 'conflict';
  state.record = record;
  state.createFingerprint = fingerprint;
  addTimeline(state, now, 'created', {
    status: record.status,
    startTime: record.startTime,
    endTime: record.endTime,
    ...originOf(origin),
  });
  queueStatusEvent(state, record.status, origin, true);
  state.meetingDirty = true;
  return 'created';
}

/**
 * Why an edit cannot be taken (as an update's validator refuses it), or null when it can. The
 * contact may change an appointment only until it starts, and not once it was cancelled.
 */
export function editRefusal(
  state: AppointmentState,
  patch: EditAppointmentRequest,
  now: number,
): { type: string; message: string } | null {
  if (!state.record) return { type: 'appointment_not_found', message: 'the appointment does not exist yet' };
  if (state.deleted) return { type: 'appointment_deleted', message: 'the appointment was deleted' };
  if (patch.source === 'contact') {
    if (state.record.status === 'cancelled') {
      return { type: 'contact_change_refused', message: 'the appointment was cancelled' };
    }
    if (now >= Date.parse(state.record.startTime)) {
      return { type: 'contact_change_refused', message: 'the appointment has already started' };
    }
  }
  const start = Date.parse(patch.startTime ?? state.record.startTime);
  const end = Date.parse(patch.endTime ?? state.record.endTime);
  if (end <= start) return { type: 'invalid_times', message: 'endTime must be after startTime' };
  if (end - start > MAX_APPOINTMENT_MINUTES * 60_000) {
    return { type: 'too_long', message: `an appointment may last at most ${MAX_APPOINTMENT_MINUTES / 60} hours` };
  }
  return null;
}

/** An edit (validated): records what changed; answers whether anything did (a repeat changes nothing). */
export function edit(state: AppointmentState, patch: EditAppointmentRequest, now: number): boolean {
  const record = recordOf(state);
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
  if (!timesChanged && edited.length === 0 && !statusChanged) return false;

  state.record = next;
  const origin = originOf(patch);
  if (timesChanged) {
    addTimeline(state, now, 'rescheduled', {
      from: { startTime: record.startTime, endTime: record.endTime },
      to: { startTime: next.startTime, endTime: next.endTime },
      ...origin,
    });
  }
  if (edited.length > 0) addTimeline(state, now, 'edited', { fields: edited, ...origin });
  if (statusChanged) {
    addTimeline(state, now, 'status_changed', { from: record.status, to: next.status, ...origin });
    if (next.status === 'cancelled') addTimeline(state, now, 'cancelled', origin);
    queueStatusEvent(state, next.status, patch, false);
  }
  state.meetingDirty = true;
  state.runsNeedSnapshot = true;
  return true;
}

export function markDeleted(state: AppointmentState, now: number, origin: ChangeOrigin = {}): void {
  if (state.deleted) return;
  state.deleted = true;
  addTimeline(state, now, 'deleted', originOf(origin));
  state.meetingDirty = true;
  state.runsNeedSnapshot = true;
}

/** A self-service link opened or refused, on the timeline as the contact's (up to MAX_LINK_EVENTS of them). */
export function recordLinkEvent(state: AppointmentState, event: SelfServiceLinkEvent, now: number): void {
  if (!state.record) return;
  if (state.timeline.filter((entry) => entry.type.startsWith('link.')).length >= MAX_LINK_EVENTS) return;
  addTimeline(state, now, `link.${event.outcome}`, {
    action: event.action,
    source: 'contact',
    ...(event.reason !== undefined ? { reason: event.reason } : {}),
  });
}

// ── closing ─────────────────────────────────────────────────────────────────────────────────────

/** Deleted: now. Otherwise a grace period after the appointment ended. */
export function closeAt(state: AppointmentState, now: number): number {
  if (state.deleted) return now;
  return Date.parse(recordOf(state).endTime) + CLOSE_GRACE_MS;
}

/** Past the close time we leave the slot (the meeting is over and is kept), then close. */
export function timeToLeave(state: AppointmentState, now: number): boolean {
  return now >= closeAt(state, now) && state.meeting.slotWorkflowId !== null && !state.deleted;
}

export function hasWork(state: AppointmentState, now: number): boolean {
  return (
    state.meetingDirty ||
    state.pendingStatusEvents.length > 0 ||
    state.pendingHostNotices.length > 0 ||
    state.runsNeedSnapshot ||
    timeToLeave(state, now)
  );
}

export function readyToClose(state: AppointmentState, now: number): boolean {
  return (
    now >= closeAt(state, now) &&
    state.meeting.slotWorkflowId === null &&
    state.leftSlots.length === 0 &&
    state.pendingStatusEvents.length === 0 &&
    state.pendingHostNotices.length === 0 &&
    !state.meetingDirty &&
    Object.values(state.runs).every((run) => run.status !== 'running')
  );
}
