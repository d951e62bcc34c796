/**
 * Signals, queries and updates of every workflow type, in one place so that callers and handlers
 * agree on names and payloads.
 */
import { defineQuery, defineSignal, defineUpdate } from '@temporalio/workflow';
import type {
  AppointmentRecord,
  AppointmentStatus,
  AppointmentView,
  AutomationRunStatus,
  ChangeSource,
  TimelineEntry,
  ZoomMeetingRef,
} from '../domain/appointment';
import type { PatchAppointmentInput } from '../domain/appointment-requests';

// ── appointment workflow ────────────────────────────────────────────────────────────────────────

/**
 * Who asks for a change. Absent in requests recorded before sources existed, which count as `api`.
 * A contact's change (`source: 'contact'`) is refused once the appointment has started, was
 * cancelled or deleted (type `contact_change_refused`).
 */
export interface ChangeOrigin {
  source?: ChangeSource;
  /** with source `automation`: the automation whose step made the change; it never re-triggers that automation */
  sourceAutomationId?: string;
}

export interface CreateAppointmentRequest extends ChangeOrigin {
  record: AppointmentRecord;
}

export type CreateAppointmentOutcome =
  | { outcome: 'created'; view: AppointmentView }
  /** the same creation again: nothing changed */
  | { outcome: 'repeated'; view: AppointmentView }
  /** an appointment with this ID exists with other data */
  | { outcome: 'conflict'; view: AppointmentView };

/** A PATCH after the API resolved it (e.g. the new host's membership checked), and who asked for it. */
export type EditAppointmentRequest = PatchAppointmentInput & ChangeOrigin;

export type DeleteAppointmentRequest = ChangeOrigin;

export const createAppointmentUpdate = defineUpdate<CreateAppointmentOutcome, [CreateAppointmentRequest]>(
  'createAppointment',
);
export const editAppointmentUpdate = defineUpdate<AppointmentView, [EditAppointmentRequest]>('editAppointment');
/** Deletions recorded before sources existed carry no argument: the handler must take `undefined`. */
export const deleteAppointmentUpdate = defineUpdate<AppointmentView, [DeleteAppointmentRequest]>('deleteAppointment');
export const appointmentViewQuery = defineQuery<AppointmentView | null>('appointmentView');

/** Kinds of timeline notes: things that happened around an appointment without changing it. */
export type TimelineNoteType = 'sms.reply_received';

/**
 * A timeline note (appointment/timeline-notes.ts), e.g. a contact's SMS reply with its keyword. It
 * changes nothing else; send it with an update ID (e.g. from the provider's message ID), so that a
 * repeated delivery is recorded once.
 */
export interface TimelineNote {
  type: TimelineNoteType;
  source: ChangeSource;
  details: Record<string, string>;
}
export const recordTimelineNoteUpdate = defineUpdate<AppointmentView, [TimelineNote]>('recordTimelineNote');

/** From the contact's self-service pages, for the timeline: a link was opened, or refused because it no longer works. */
export interface SelfServiceLinkEvent {
  action: 'cancel' | 'confirm';
  outcome: 'opened' | 'refused';
  /** why a refused link no longer works, as the page told the contact */
  reason?: string;
}

/** The timeline keeps at most this many `link.*` entries: a link opened in a loop cannot grow it without bound. */
export const MAX_LINK_EVENTS = 20;

export const selfServiceLinkSignal = defineSignal<[SelfServiceLinkEvent]>('selfServiceLink');

/** From the meeting slot to its members. */
export type SlotNotice =
  | { kind: 'assigned'; slotWorkflowId: string; meeting: ZoomMeetingRef; createdForThisAppointment: boolean }
  | { kind: 'updated'; slotWorkflowId: string; meeting: ZoomMeetingRef; changes: string[] }
  | { kind: 'unavailable'; slotWorkflowId: string; reason: MeetingUnavailableReason; message: string; retryAt?: string }
  | { kind: 'released'; slotWorkflowId: string; meetingDeleted: boolean; meetingId: string | null; sharedWith: number };

export type MeetingUnavailableReason = 'not_connected' | 'quota_exhausted' | 'zoom_error';

export const slotNoticeSignal = defineSignal<[SlotNotice]>('slotNotice');

/** From an automation run to its appointment: its progress, with its timeline entries since the last report. */
export interface RunReport {
  runWorkflowId: string;
  status: AutomationRunStatus;
  currentStep: string | null;
  /** the run's timeline entries since its last report, which come before this progress */
  timeline?: TimelineEntry[];
}

export const runReportSignal = defineSignal<[RunReport]>('runReport');

// ── meeting slot workflow ───────────────────────────────────────────────────────────────────────

export interface SlotMemberRequest {
  appointmentId: string;
  topic: string;
  durationMinutes: number;
}

export const joinSlotSignal = defineSignal<[SlotMemberRequest]>('joinSlot');
export const updateSlotMemberSignal = defineSignal<[SlotMemberRequest]>('updateSlotMember');
export const leaveSlotSignal = defineSignal<[{ appointmentId: string }]>('leaveSlot');

export interface MeetingSlotView {
  hostUserId: string;
  startTime: string;
  memberIds: string[];
  meeting: ZoomMeetingRef | null;
}
export const meetingSlotViewQuery = defineQuery<MeetingSlotView>('meetingSlotView');

// ── automation run workflow ─────────────────────────────────────────────────────────────────────

/** What a run knows of its appointment; sent again on every change so messages render current data. */
export interface AppointmentSnapshot {
  startTime: string;
  endTime: string;
  status: AppointmentStatus;
  deleted: boolean;
  /** true while a Zoom meeting is being created: a message waits a little for the link */
  meetingPending: boolean;
}

export const appointmentChangedSignal = defineSignal<[AppointmentSnapshot]>('appointmentChanged');
