import { useState } from 'react';
import type { Calendar, User } from '../../api/api-types';
import { userName } from '../../queries/users';
import { useFocusAfterRender } from '../../components/use-focus-after-render';
import { CALENDAR_TYPE_LABELS, describeLocation } from './calendar-rules';
import { MeetingLocationForm } from './MeetingLocationForm';
import { ReschedulePageForm } from './ReschedulePageForm';

type Editing = 'none' | 'location' | 'reschedule';

export function CalendarCard({ calendar, users }: { calendar: Calendar; users: User[] | undefined }) {
  const [editing, setEditing] = useState<Editing>('none');
  const headingId = `calendar-${calendar.id}-heading`;
  /** Back from a form, the focus returns to the button that opened it. */
  const focusAfterRender = useFocusAfterRender();
  const done = (from: Exclude<Editing, 'none'>) => {
    setEditing('none');
    focusAfterRender(() => document.getElementById(`calendar-${calendar.id}-edit-${from}`));
  };

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
        <div>
          <dt>Reschedule page</dt>
          <dd>{calendar.reschedulePageUrl ?? <span className="muted">None: reschedule links are empty</span>}</dd>
        </div>
      </dl>
      {editing === 'location' ? <MeetingLocationForm calendar={calendar} onDone={() => done('location')} /> : null}
      {editing === 'reschedule' ? <ReschedulePageForm calendar={calendar} onDone={() => done('reschedule')} /> : null}
      {editing === 'none' ? (
        <div className="actions">
          <button type="button" id={`calendar-${calendar.id}-edit-location`} onClick={() => setEditing('location')}>
            Edit meeting location<span className="visually-hidden"> of {calendar.name}</span>
          </button>
          <button type="button" id={`calendar-${calendar.id}-edit-reschedule`} onClick={() => setEditing('reschedule')}>
            Edit reschedule page<span className="visually-hidden"> of {calendar.name}</span>
          </button>
        </div>
      ) : null}
    </article>
  );
}
