/** What others see of an appointment: the API's view, and the snapshot its automation runs work with. */
import type { AppointmentView } from '../../domain/appointment';
import type { AppointmentSnapshot } from '../messages';
import { recordOf, type AppointmentState } from './appointment-state';

/** What an automation run knows of its appointment. */
export function snapshotOf(state: AppointmentState): AppointmentSnapshot {
  const record = recordOf(state);
  return {
    startTime: record.startTime,
    endTime: record.endTime,
    status: record.status,
    deleted: state.deleted,
    meetingPending: state.meeting.status === 'pending',
  };
}

/** The view of API.md (GET /v1/appointments/{id}). */
export function viewOf(state: AppointmentState): AppointmentView {
  const record = recordOf(state);
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
