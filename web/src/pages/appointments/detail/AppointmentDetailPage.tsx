import { Link, useParams } from 'react-router';
import type { Appointment } from '../../../api/api-types';
import { PageTitle } from '../../../components/PageTitle';
import { ErrorState, LoadingState } from '../../../components/QueryStates';
import { useNow } from '../../../components/use-now';
import { useAppointment } from '../../../queries/appointments';
import { useAutomationsById } from '../../../queries/automations';
import { AppointmentActions } from './AppointmentActions';
import { AppointmentSummary } from './AppointmentSummary';
import { AutomationRunsTable } from './AutomationRunsTable';
import { MessagesTable } from './MessagesTable';
import { plannedReminders } from './timeline/planned-reminders';
import { TimelineChart } from './timeline/TimelineChart';
import { TimelineTable } from './timeline/TimelineTable';

export function AppointmentDetailPage() {
  const { appointmentId = '' } = useParams();
  const appointment = useAppointment(appointmentId);

  return (
    <>
      <p className="breadcrumb">
        <Link to="/appointments">Appointments</Link>
      </p>
      <PageTitle>{appointment.data?.title ?? `Appointment ${appointmentId}`}</PageTitle>
      {appointment.isPending ? <LoadingState label="Loading the appointment…" /> : null}
      {appointment.isError ? <ErrorState error={appointment.error} /> : null}
      {appointment.data ? <AppointmentDetail appointment={appointment.data} /> : null}
    </>
  );
}

function AppointmentDetail({ appointment }: { appointment: Appointment }) {
  const now = useNow();
  // the runs' automations: their names, and the steps that tell when reminders are due
  const automations = useAutomationsById(appointment.automationRuns.map((run) => run.automationId));
  const entries = [...appointment.timeline, ...plannedReminders(appointment, automations, now)];

  return (
    <>
      <AppointmentSummary appointment={appointment} />
      <AppointmentActions appointment={appointment} />
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <TimelineChart entries={entries} startTime={appointment.startTime} endTime={appointment.endTime} now={now} />
        <TimelineLegend />
        <details className="timeline-details" open>
          <summary>Every entry, in words</summary>
          <TimelineTable entries={entries} names={{ automation: (id) => automations.get(id)?.name }} />
        </details>
      </section>
      <MessagesTable appointmentId={appointment.id} />
      <AutomationRunsTable runs={appointment.automationRuns} automations={automations} />
    </>
  );
}

function TimelineLegend() {
  const items = [
    ['booking', 'booking changes'],
    ['meeting', 'Zoom meeting'],
    ['automation', 'automation'],
    ['sent', 'sent'],
    ['skipped', 'skipped or silenced (hollow)'],
    ['failed', 'failed or refused (cross)'],
    ['planned', 'reminder due (hollow)'],
  ] as const;
  return (
    <ul className="legend" aria-label="Legend">
      {items.map(([tone, label]) => (
        <li key={tone}>
          <span className={`swatch tl-${tone}`} aria-hidden="true" />
          {label}
        </li>
      ))}
    </ul>
  );
}
