import { useState } from 'react';
import type { Calendar, User } from '../../api/api-types';
import { userName } from '../../queries/users';
import { CALENDAR_TYPE_LABELS, describeLocation } from './calendar-rules';
import { MeetingLocationForm } from './MeetingLocationForm';

export function CalendarCard({ calendar, users }: { calendar: Calendar; users: User[] | undefined }) {
  const [editing, setEditing] = useState(false);
  const headingId = `calendar-${calendar.id}-heading`;

  return (
    <article className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{calendar.name}</h2>
      <dl className="details">
        <div>
          <dt>Type</dt>
          <dd>{CALENDAR_TYPE_LABELS[calendar.type] ?? calendar.type}</dd>
        </div>
        <div>
          <dt>Team</dt>
          <dd>
            {calendar.teamMemberIds.length === 0
              ? 'Unassigned'
              : calendar.teamMemberIds.map((id) => userName(users, id)).join(', ')}
          </dd>
        </div>
        <div>
          <dt>Meeting location</dt>
          <dd>{describeLocation(calendar.meetingLocation)}</dd>
        </div>
        <div>
          <dt>Appointments per slot</dt>
          <dd>{calendar.slotCapacity}</dd>
        </div>
        {calendar.timezone ? (
          <div>
            <dt>Time zone</dt>
            <dd>{calendar.timezone}</dd>
          </div>
        ) : null}
      </dl>
      {editing ? (
        <MeetingLocationForm calendar={calendar} onDone={() => setEditing(false)} />
      ) : (
        <button type="button" onClick={() => setEditing(true)}>
          Edit meeting location<span className="visually-hidden"> of {calendar.name}</span>
        </button>
      )}
    </article>
  );
}
