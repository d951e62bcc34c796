/**
 * Appointment: one entity workflow per appointment, the single source of truth for its state.
 *
 * Lifecycle: started with the `createAppointment` update (update-with-start), then edited,
 * rescheduled, cancelled or deleted through updates; `appointmentView` answers the API. Behind each
 * change it reconciles the appointment's Zoom meeting slot (join, leave, update), starts the
 * automations whose trigger matches a status event (its creation, a status change, and who made it),
 * and tells running automations what changed.
 * It closes once deleted, or a week after the appointment ended, when no run and no meeting work is
 * left; its final view is archived for GET.
 *
 * Handlers change the state through the rules of appointment-state.ts, slot-membership.ts and
 * automation-runs.ts and queue work; the loop below carries the work out (appointment-work.ts).
 */
import {
  allHandlersFinished,
  ApplicationFailure,
  condition,
  continueAsNew,
  setHandler,
  upsertSearchAttributes,
  workflowInfo,
} from '@temporalio/workflow';
import type { AppointmentRecord, AppointmentView } from '../../domain/appointment';
import {
  AppointmentIdKey,
  AppointmentStartKey,
  AppointmentStatusKey,
  CalendarIdKey,
  ContactIdKey,
  HostUserIdKey,
} from '../../temporal/search-attributes';
import {
  appointmentViewQuery,
  createAppointmentUpdate,
  deleteAppointmentUpdate,
  editAppointmentUpdate,
  recordTimelineNoteUpdate,
  runReportSignal,
  selfServiceLinkSignal,
  slotNoticeSignal,
  type DeleteAppointmentRequest,
  type EditAppointmentRequest,
} from '../messages';
import {
  closeAt,
  create,
  edit,
  editRefusal,
  hasWork,
  markDeleted,
  newAppointmentState,
  readyToClose,
  recordLinkEvent,
  recordOf,
  timeToLeave,
  type AppointmentState,
} from './appointment-state';
import { viewOf } from './appointment-view';
import { activities, notifyHost, reconcileMeeting, routeStatusEvent, sendSnapshots } from './appointment-work';
import { applyRunReport } from './automation-runs';
import { applySlotNotice } from './slot-membership';
import { noteRefusal, recordNote } from './timeline-notes';

export { CLOSE_GRACE_MS } from './appointment-state';

/** An appointment workflow whose creating update never came (should not happen) gives up after this. */
const CREATION_DEADLINE_MS = 10 * 60 * 1000;

export interface AppointmentWorkflowInput {
  appointmentId: string;
  /** carried over by continue-as-new */
  state?: AppointmentState;
}

export async function appointment(input: AppointmentWorkflowInput): Promise<AppointmentView | null> {
  const state = input.state ?? newAppointmentState();
  registerHandlers(state);

  const created = await condition(() => state.record !== null, CREATION_DEADLINE_MS);
  if (!created) return null;

  const working = () => hasWork(state, Date.now());
  const closing = () => readyToClose(state, Date.now());
  for (;;) {
    // Checked before waiting: every update or signal brings us back here.
    if (workflowInfo().continueAsNewSuggested && !working() && !closing()) {
      await condition(allHandlersFinished);
      await continueAsNew<typeof appointment>({ appointmentId: input.appointmentId, state });
    }
    // Wake for work, or at the close time (to leave the slot and close).
    const closeIn = closeAt(state, Date.now()) - Date.now();
    if (closeIn > 0) await condition(() => working() || closing(), closeIn);
    else await condition(() => working() || closing());

    if (timeToLeave(state, Date.now())) state.meetingDirty = true;
    if (state.meetingDirty) {
      state.meetingDirty = false;
      await reconcileMeeting(state);
    }
    const event = state.pendingStatusEvents.shift();
    if (event) {
      await routeStatusEvent(state, event);
      continue;
    }
    const notice = state.pendingHostNotices.shift();
    if (notice) {
      await notifyHost(state, notice);
      continue;
    }
    if (state.runsNeedSnapshot) {
      state.runsNeedSnapshot = false;
      await sendSnapshots(state);
      continue;
    }
    if (closing()) {
      await condition(allHandlersFinished);
      if (working() || !closing()) continue;
      const finalView = viewOf(state);
      await activities.archiveAppointment(finalView);
      return finalView;
    }
  }
}

function registerHandlers(state: AppointmentState): void {
  const view = () => viewOf(state);
  setHandler(appointmentViewQuery, () => (state.record ? view() : null));

  setHandler(createAppointmentUpdate, ({ record, ...origin }) => {
    const outcome = create(state, record, Date.now(), origin);
    if (outcome === 'created') updateSearchAttributes(record);
    return { outcome, view: view() };
  });

  setHandler(
    editAppointmentUpdate,
    (patch: EditAppointmentRequest) => {
      if (edit(state, patch, Date.now())) updateSearchAttributes(recordOf(state));
      return view();
    },
    {
      validator: (patch: EditAppointmentRequest) => {
        const refusal = editRefusal(state, patch, Date.now());
        if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.type);
      },
    },
  );

  // `request` is undefined in deletions recorded before sources existed
  setHandler(deleteAppointmentUpdate, (request: DeleteAppointmentRequest | undefined) => {
    if (!state.record) {
      throw ApplicationFailure.nonRetryable('the appointment does not exist yet', 'appointment_not_found');
    }
    markDeleted(state, Date.now(), request ?? {});
    return view();
  });

  setHandler(
    recordTimelineNoteUpdate,
    (note) => {
      recordNote(state, note, Date.now());
      return view();
    },
    {
      validator: (note) => {
        const refusal = noteRefusal(state, note);
        if (refusal) throw ApplicationFailure.nonRetryable(refusal.message, refusal.type);
      },
    },
  );

  setHandler(slotNoticeSignal, (notice) => applySlotNotice(state, notice, Date.now(), workflowInfo().workflowId));
  setHandler(runReportSignal, (report) => applyRunReport(state, report));
  setHandler(selfServiceLinkSignal, (event) => recordLinkEvent(state, event, Date.now()));
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
