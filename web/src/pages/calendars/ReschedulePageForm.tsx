import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import type { Calendar } from '../../api/api-types';
import { messagesWithin } from '../../api/issues';
import { FieldMessages } from '../../components/FieldMessages';
import { useSaveCalendar } from '../../queries/calendars';
import { calendarBody } from './calendar-rules';
import { SaveOrCancel } from '../../components/SaveOrCancel';

/**
 * The calendar's booking page, where `{{appointment.reschedule_link}}` leads (with the appointment's
 * ID and a token appended). Empty: the calendar has none, and the merge field is empty.
 */
export function ReschedulePageForm({ calendar, onDone }: { calendar: Calendar; onDone: () => void }) {
  const save = useSaveCalendar();
  const [value, setValue] = useState(calendar.reschedulePageUrl ?? '');
  const id = `calendar-${calendar.id}-reschedule-page`;

  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const fieldMessages = [
    ...messagesWithin(issues, 'reschedulePageUrl'),
    // a refusal that names no field (e.g. the calendar is gone) is still about this form
    ...(save.error && issues.length === 0 ? [save.error.message] : []),
  ];
  const otherMessages = issues.filter((issue) => !issue.path.startsWith('reschedulePageUrl')).map((i) => i.message);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const url = value.trim();
    save.mutate(
      { calendarId: calendar.id, body: { ...calendarBody(calendar), reschedulePageUrl: url === '' ? null : url } },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate aria-label={`Reschedule page of ${calendar.name}`}>
      <div className="field">
        <label htmlFor={id}>Reschedule page URL</label>
        <input
          id={id}
          type="url"
          inputMode="url"
          autoComplete="off"
          // opened by the user's own click on "Edit reschedule page", which is gone now
          autoFocus
          value={value}
          placeholder="https://example.com/book"
          aria-describedby={[`${id}-hint`, fieldMessages.length > 0 ? `${id}-messages` : null]
            .filter(Boolean)
            .join(' ')}
          aria-invalid={fieldMessages.length > 0 || undefined}
          onChange={(event) => setValue(event.target.value)}
        />
        <p id={`${id}-hint`} className="hint">
          The booking page where a contact picks a new time. The reschedule link in messages opens it with the
          appointment&rsquo;s ID and a token added. Leave empty for none.
        </p>
        <FieldMessages id={`${id}-messages`} messages={fieldMessages} announce />
      </div>
      <SaveOrCancel messages={otherMessages} saving={save.isPending} onCancel={onDone} />
    </form>
  );
}
