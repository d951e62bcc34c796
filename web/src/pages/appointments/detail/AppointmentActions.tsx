import { useRef, useState } from 'react';
import { ApiError, errorMessage } from '../../../api/api-error';
import type { Appointment } from '../../../api/api-types';
import { usePatchAppointment } from '../../../queries/appointments';
import { RescheduleForm } from './RescheduleForm';
import { useFocusAfterRender } from '../../../components/use-focus-after-render';

type Panel = 'none' | 'reschedule' | 'cancel';

/** What the operator can do to the booking: each change goes to its workflow through the API. */
export function AppointmentActions({ appointment }: { appointment: Appointment }) {
  const patch = usePatchAppointment(appointment.id);
  const [panel, setPanel] = useState<Panel>('none');
  const [done, setDone] = useState<string | null>(null);
  const cancelHeading = useRef<HTMLHeadingElement>(null);
  const focusAfterRender = useFocusAfterRender();
  const closed = appointment.deleted || appointment.status === 'cancelled';

  if (appointment.deleted) return null;

  const mark = (status: 'showed' | 'noshow', sentence: string) => {
    setDone(null);
    patch.mutate({ status }, { onSuccess: () => setDone(sentence) });
  };

  return (
    <section className="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="actions">
        {closed ? null : (
          <>
            <button
              type="button"
              aria-expanded={panel === 'reschedule'}
              onClick={() => setPanel(panel === 'reschedule' ? 'none' : 'reschedule')}
            >
              Reschedule
            </button>
            <button
              type="button"
              className="button-danger"
              aria-expanded={panel === 'cancel'}
              onClick={() => {
                setPanel('cancel');
                focusAfterRender(() => cancelHeading.current);
              }}
            >
              Cancel appointment
            </button>
          </>
        )}
        <button
          type="button"
          disabled={patch.isPending || appointment.status === 'showed'}
          onClick={() => mark('showed', 'Marked as showed.')}
        >
          Mark showed
        </button>
        <button
          type="button"
          disabled={patch.isPending || appointment.status === 'noshow'}
          onClick={() => mark('noshow', 'Marked as no-show.')}
        >
          Mark no-show
        </button>
      </div>
      {panel === 'reschedule' && !closed ? (
        <RescheduleForm
          appointment={appointment}
          onDone={(sentence) => {
            setPanel('none');
            setDone(sentence);
          }}
          onCancel={() => setPanel('none')}
        />
      ) : null}
      {panel === 'cancel' && !closed ? (
        <div className="confirm">
          <h3 ref={cancelHeading} tabIndex={-1}>
            Cancel this appointment?
          </h3>
          <p>
            Its Zoom meeting is deleted (unless another appointment in the same slot uses it) and no further reminders
            are sent. Automations triggered by the cancellation still run.
          </p>
          <div className="actions">
            <button
              type="button"
              className="button-danger"
              disabled={patch.isPending}
              onClick={() =>
                patch.mutate(
                  { status: 'cancelled' },
                  {
                    onSuccess: () => {
                      setPanel('none');
                      setDone('The appointment is cancelled.');
                    },
                  },
                )
              }
            >
              {patch.isPending ? 'Cancelling…' : 'Yes, cancel it'}
            </button>
            <button type="button" onClick={() => setPanel('none')}>
              Keep it
            </button>
          </div>
        </div>
      ) : null}
      <div role="status" className="status-line">
        {done}
      </div>
      {patch.isError ? (
        <div className="notice notice-error" role="alert">
          {errorMessage(patch.error)}
          {patch.error instanceof ApiError && patch.error.issues.length > 0 ? (
            <ul>
              {patch.error.issues.map((issue) => (
                <li key={`${issue.path}:${issue.message}`}>
                  {issue.path}: {issue.message}
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}
