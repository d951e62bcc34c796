import { useState, type FormEvent } from 'react';
import { ApiError } from '../../api/api-error';
import type { Calendar, MeetingLocation } from '../../api/api-types';
import { messagesAt } from '../../api/issues';
import { FieldMessages, invalidProps } from '../../components/FieldMessages';
import { useSaveCalendar } from '../../queries/calendars';
import { calendarBody, zoomUnavailableReason } from './calendar-rules';
import { SaveOrCancel } from '../../components/SaveOrCancel';

export function MeetingLocationForm({ calendar, onDone }: { calendar: Calendar; onDone: () => void }) {
  const save = useSaveCalendar();
  const zoomReason = zoomUnavailableReason(calendar);
  const [kind, setKind] = useState<MeetingLocation['type']>(calendar.meetingLocation.type);
  const [value, setValue] = useState(calendar.meetingLocation.type === 'static' ? calendar.meetingLocation.value : '');
  const prefix = `calendar-${calendar.id}`;

  const issues = save.error instanceof ApiError ? save.error.issues : [];
  const locationMessages = [
    ...messagesAt(issues, 'meetingLocation'),
    ...messagesAt(issues, 'meetingLocation.type'),
    // a 422 dynamic_zoom_not_allowed names no path: it is about this field
    ...(save.error instanceof ApiError && save.error.issues.length === 0 ? [save.error.message] : []),
  ];
  const valueMessages = messagesAt(issues, 'meetingLocation.value');
  const otherMessages = issues.filter((issue) => !issue.path.startsWith('meetingLocation')).map((i) => i.message);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const location: MeetingLocation = kind === 'zoom' ? { type: 'zoom' } : { type: 'static', value: value.trim() };
    save.mutate(
      { calendarId: calendar.id, body: { ...calendarBody(calendar), meetingLocation: location } },
      { onSuccess: onDone },
    );
  };

  return (
    <form className="inline-form" onSubmit={submit} noValidate>
      <fieldset {...invalidProps(`${prefix}-location-messages`, locationMessages)}>
        <legend>Meeting location of {calendar.name}</legend>
        <div className="choice">
          <input
            type="radio"
            id={`${prefix}-zoom`}
            name={`${prefix}-location`}
            value="zoom"
            checked={kind === 'zoom'}
            disabled={zoomReason !== null && kind !== 'zoom'}
            aria-describedby={zoomReason ? `${prefix}-zoom-reason` : undefined}
            onChange={() => setKind('zoom')}
          />
          <label htmlFor={`${prefix}-zoom`}>Zoom: a new meeting per booking, created by the host&rsquo;s account</label>
        </div>
        {zoomReason ? (
          <p id={`${prefix}-zoom-reason`} className="hint">
            {zoomReason}
          </p>
        ) : null}
        <div className="choice">
          <input
            type="radio"
            id={`${prefix}-static`}
            name={`${prefix}-location`}
            value="static"
            checked={kind === 'static'}
            onChange={() => setKind('static')}
          />
          <label htmlFor={`${prefix}-static`}>A static location</label>
        </div>
        {kind === 'static' ? (
          <div className="field">
            <label htmlFor={`${prefix}-value`}>Location (a pre-generated meeting link, an address…)</label>
            <input
              id={`${prefix}-value`}
              type="text"
              value={value}
              onChange={(event) => setValue(event.target.value)}
              {...invalidProps(`${prefix}-value-messages`, valueMessages)}
            />
            <FieldMessages id={`${prefix}-value-messages`} messages={valueMessages} announce />
          </div>
        ) : null}
        <FieldMessages id={`${prefix}-location-messages`} messages={locationMessages} announce />
      </fieldset>
      <SaveOrCancel messages={otherMessages} saving={save.isPending} onCancel={onDone} />
    </form>
  );
}
