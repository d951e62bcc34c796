import { useState, type FormEvent } from 'react';
import { ApiError } from '../../../api/api-error';
import type { Appointment } from '../../../api/api-types';
import { messagesAt } from '../../../api/issues';
import { FieldMessages, invalidProps } from '../../../components/FieldMessages';
import { fromLocalInputValue, toLocalInputValue, viewerTimeZone } from '../../../format/date-time';
import { usePatchAppointment } from '../../../queries/appointments';
import { SaveOrCancel } from '../../../components/SaveOrCancel';

interface RescheduleFormProps {
  appointment: Appointment;
  onDone: (sentence: string) => void;
  onCancel: () => void;
}

export function RescheduleForm({ appointment, onDone, onCancel }: RescheduleFormProps) {
  const patch = usePatchAppointment(appointment.id);
  const [start, setStart] = useState(toLocalInputValue(appointment.startTime));
  const [end, setEnd] = useState(toLocalInputValue(appointment.endTime));
  const [localError, setLocalError] = useState<string | null>(null);
  const durationMs = Date.parse(appointment.endTime) - Date.parse(appointment.startTime);

  const issues = patch.error instanceof ApiError ? patch.error.issues : [];
  const startMessages = [...(localError ? [localError] : []), ...messagesAt(issues, 'startTime')];
  const endMessages = messagesAt(issues, 'endTime');

  // Moving the start keeps the length of the appointment.
  const changeStart = (value: string) => {
    setStart(value);
    const startIso = fromLocalInputValue(value);
    if (startIso) setEnd(toLocalInputValue(new Date(Date.parse(startIso) + durationMs).toISOString()));
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const startTime = fromLocalInputValue(start);
    const endTime = fromLocalInputValue(end);
    if (!startTime || !endTime) {
      setLocalError('Enter a complete start and end.');
      return;
    }
    setLocalError(null);
    patch.mutate(
      { startTime, endTime },
      { onSuccess: () => onDone('Rescheduled. The meeting and pending reminders follow the new time.') },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <h3>Reschedule</h3>
      <p className="hint">Times in your time zone, {viewerTimeZone}.</p>
      <div className="field-row">
        <div className="field">
          <label htmlFor="reschedule-start">New start</label>
          <input
            id="reschedule-start"
            type="datetime-local"
            value={start}
            onChange={(event) => changeStart(event.target.value)}
            {...invalidProps('reschedule-start-messages', startMessages)}
          />
          <FieldMessages id="reschedule-start-messages" messages={startMessages} announce />
        </div>
        <div className="field">
          <label htmlFor="reschedule-end">New end</label>
          <input
            id="reschedule-end"
            type="datetime-local"
            value={end}
            onChange={(event) => setEnd(event.target.value)}
            {...invalidProps('reschedule-end-messages', endMessages)}
          />
          <FieldMessages id="reschedule-end-messages" messages={endMessages} announce />
        </div>
      </div>
      <SaveOrCancel
        messages={patch.isError && issues.length === 0 ? [patch.error.message] : []}
        saving={patch.isPending}
        saveLabel="Save the new time"
        onCancel={onCancel}
      />
    </form>
  );
}
