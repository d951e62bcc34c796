import { Link, useSearchParams } from 'react-router';
import { PageTitle } from '../../components/PageTitle';
import { EmptyState, ErrorState, LoadingState } from '../../components/QueryStates';
import { StatusBadge } from '../../components/StatusBadge';
import { formatDateTime, viewerTimeZone } from '../../format/date-time';
import { useAppointmentList } from '../../queries/appointments';
import { useCalendars } from '../../queries/calendars';
import { userName, useUsers } from '../../queries/users';
import { apiFilters } from './appointment-filters';
import { AppointmentFiltersForm } from './AppointmentFiltersForm';

const PAGE_SIZE = 25;

export function AppointmentsPage() {
  const [searchParams, setSearchParams] = useSearchParams();
  const filters = apiFilters(searchParams);
  const list = useAppointmentList(filters, PAGE_SIZE);
  const users = useUsers();
  const calendars = useCalendars();
  const calendarName = (id: string) => calendars.data?.find((calendar) => calendar.id === id)?.name ?? id;

  const goToPage = (pageToken: string | null) =>
    setSearchParams((params) => {
      if (pageToken) params.set('pageToken', pageToken);
      else params.delete('pageToken');
      return params;
    });

  return (
    <>
      <PageTitle>Appointments</PageTitle>
      <AppointmentFiltersForm users={users.data} calendars={calendars.data} />
      <p className="hint">Times are in your time zone, {viewerTimeZone}.</p>
      {list.isPending ? <LoadingState label="Loading appointments…" /> : null}
      {list.isError ? <ErrorState error={list.error} /> : null}
      {list.data && list.data.items.length === 0 ? <EmptyState>No appointments match these filters.</EmptyState> : null}
      {list.data && list.data.items.length > 0 ? (
        <div className="table-scroll" role="region" aria-label="Appointments table" tabIndex={0}>
          <table className="table stack" aria-busy={list.isFetching}>
            <thead>
              <tr>
                <th scope="col">Start</th>
                <th scope="col">Appointment</th>
                <th scope="col">Calendar</th>
                <th scope="col">Host</th>
                <th scope="col">Status</th>
                <th scope="col">Meeting</th>
              </tr>
            </thead>
            <tbody>
              {list.data.items.map((appointment) => (
                <tr key={appointment.id}>
                  <td data-label="Start">{formatDateTime(appointment.startTime)}</td>
                  <td data-label="Appointment">
                    <Link to={`/appointments/${encodeURIComponent(appointment.id)}`}>
                      {appointment.title ?? appointment.id}
                    </Link>
                    <div className="muted">contact {appointment.contactId}</div>
                  </td>
                  <td data-label="Calendar">{calendarName(appointment.calendarId)}</td>
                  <td data-label="Host">{userName(users.data, appointment.assignedUserId)}</td>
                  <td data-label="Status">
                    <StatusBadge status={appointment.status} />
                  </td>
                  <td data-label="Meeting">
                    {appointment.zoomMeeting ? 'Zoom' : appointment.meetingLocation ? 'Static' : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <div className="actions pager">
        {filters.pageToken ? (
          <button type="button" onClick={() => goToPage(null)}>
            First page
          </button>
        ) : null}
        {list.data?.nextPageToken ? (
          <button type="button" onClick={() => goToPage(list.data.nextPageToken)}>
            Next page
          </button>
        ) : null}
      </div>
    </>
  );
}
