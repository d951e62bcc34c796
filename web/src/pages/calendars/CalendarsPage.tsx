import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { useCalendars } from '../../queries/calendars';
import { useUsers } from '../../queries/users';
import { CalendarCard } from './CalendarCard';

/** Step 1, continued: pick Zoom as the meeting location of a group calendar. */
export function CalendarsPage() {
  const calendars = useCalendars();
  const users = useUsers();

  return (
    <>
      <PageTitle>Calendars</PageTitle>
      <p className="lead">
        Dynamic Zoom links (a new meeting per booking, created by the host&rsquo;s account) are only available on round
        robin and collective calendars with team members. Other calendars use a static location, such as a pre-generated
        Zoom link or an address.
      </p>
      {calendars.isPending ? <LoadingState label="Loading calendars…" /> : null}
      {calendars.isError ? <ErrorState error={calendars.error} /> : null}
      {calendars.data?.length === 0 ? (
        <EmptyState>No calendars yet. The CRM creates them with PUT /v1/calendars/&#123;calendarId&#125;.</EmptyState>
      ) : null}
      {calendars.data && calendars.data.length > 0 ? (
        <ul className="card-list">
          {calendars.data.map((calendar) => (
            <li key={calendar.id}>
              <CalendarCard calendar={calendar} users={users.data} />
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
