import { type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import type { Calendar, User } from '../../api/api-types';
import { APPOINTMENT_STATUSES, FILTER_PARAMS } from './appointment-filters';

/** Filters as a plain GET-like form: applying them writes the URL, which the list reads. */
export function AppointmentFiltersForm({
  users,
  calendars,
}: {
  users: User[] | undefined;
  calendars: Calendar[] | undefined;
}) {
  const [searchParams, setSearchParams] = useSearchParams();
  // Remounts when the URL changes (back button), so the fields show what the list shows.
  const formKey = FILTER_PARAMS.map((name) => searchParams.get(name) ?? '').join('|');

  const apply = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const name of FILTER_PARAMS) {
      const value = form.get(name);
      if (typeof value === 'string' && value !== '') next.set(name, value);
    }
    setSearchParams(next); // a new filter starts again at the first page
  };

  return (
    <form key={formKey} className="filters" onSubmit={apply} aria-label="Filter appointments">
      <div className="field">
        <label htmlFor="filter-host">Host</label>
        <select id="filter-host" name="hostUserId" defaultValue={searchParams.get('hostUserId') ?? ''}>
          <option value="">Any host</option>
          {users?.map((user) => (
            <option key={user.id} value={user.id}>
              {user.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-calendar">Calendar</label>
        <select id="filter-calendar" name="calendarId" defaultValue={searchParams.get('calendarId') ?? ''}>
          <option value="">Any calendar</option>
          {calendars?.map((calendar) => (
            <option key={calendar.id} value={calendar.id}>
              {calendar.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={searchParams.get('status') ?? ''}>
          <option value="">Any status</option>
          {APPOINTMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {status}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="filter-from">Starting from</label>
        <input id="filter-from" name="from" type="date" defaultValue={searchParams.get('from') ?? ''} />
      </div>
      <div className="field">
        <label htmlFor="filter-to">Up to and including</label>
        <input id="filter-to" name="to" type="date" defaultValue={searchParams.get('to') ?? ''} />
      </div>
      <div className="actions">
        <button type="submit" className="button-primary">
          Apply filters
        </button>
        <button type="button" onClick={() => setSearchParams(new URLSearchParams())}>
          Clear
        </button>
      </div>
    </form>
  );
}
