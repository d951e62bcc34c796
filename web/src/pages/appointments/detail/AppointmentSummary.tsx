import type { Appointment } from '../../../api/api-types';
import { StatusBadge } from '../../../components/StatusBadge';
import { formatRange, viewerTimeZone } from '../../../format/date-time';
import { useCalendars } from '../../../queries/calendars';
import { userName, useUsers } from '../../../queries/users';
import { useSession } from '../../../session/session-queries';

export function AppointmentSummary({ appointment }: { appointment: Appointment }) {
  const users = useUsers();
  const calendars = useCalendars();
  const session = useSession();
  const calendar = calendars.data?.find((candidate) => candidate.id === appointment.calendarId);
  const temporal = session.data?.temporalUiUrl
    ? `${session.data.temporalUiUrl.replace(/\/$/, '')}/namespaces/${encodeURIComponent(session.data.namespace)}` +
      `/workflows/appointment:${encodeURIComponent(appointment.id)}`
    : null;

  return (
    <dl className="details summary">
      <div>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={appointment.deleted ? 'deleted' : appointment.status} />
        </dd>
      </div>
      <div>
        <dt>When</dt>
        <dd>
          {formatRange(appointment.startTime, appointment.endTime)} <span className="muted">({viewerTimeZone})</span>
        </dd>
      </div>
      <div>
        <dt>Meeting</dt>
        <dd>
          {appointment.zoomMeeting ? (
            <a href={appointment.zoomMeeting.joinUrl} target="_blank" rel="noreferrer">
              Zoom meeting {appointment.zoomMeeting.id}
            </a>
          ) : appointment.meetingLocation ? (
            <LocationText location={appointment.meetingLocation} />
          ) : (
            'No meeting location'
          )}
        </dd>
      </div>
      <div>
        <dt>Host</dt>
        <dd>{userName(users.data, appointment.assignedUserId)}</dd>
      </div>
      <div>
        <dt>Calendar</dt>
        <dd>{calendar?.name ?? appointment.calendarId}</dd>
      </div>
      <div>
        <dt>Contact</dt>
        <dd>
          <code>{appointment.contactId}</code>
        </dd>
      </div>
      <div>
        <dt>Event type</dt>
        <dd>{appointment.eventType === 'recurring' ? 'Recurring' : 'One-time'}</dd>
      </div>
      {appointment.notes ? (
        <div>
          <dt>Notes</dt>
          <dd>{appointment.notes}</dd>
        </div>
      ) : null}
      {temporal ? (
        <div>
          <dt>Workflow</dt>
          <dd>
            <a href={temporal} target="_blank" rel="noreferrer">
              Open in the Temporal Web UI
            </a>
          </dd>
        </div>
      ) : null}
    </dl>
  );
}

/** A static location that is a web address becomes a link; anything else is text. */
function LocationText({ location }: { location: string }) {
  if (/^https?:\/\//i.test(location)) {
    return (
      <a href={location} target="_blank" rel="noreferrer">
        {location}
      </a>
    );
  }
  return <>{location}</>;
}
