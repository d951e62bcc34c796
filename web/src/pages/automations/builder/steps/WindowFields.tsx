import type { ApiIssue } from '../../../../api/api-error';
import type { WaitWindow } from '../../../../api/api-types';
import { FieldMessages, invalidProps } from '../../../../components/FieldMessages';
import { stepFieldId, stepMessages } from '../form-issues';

const DAYS = [
  { value: 'mon', label: 'Mon' },
  { value: 'tue', label: 'Tue' },
  { value: 'wed', label: 'Wed' },
  { value: 'thu', label: 'Thu' },
  { value: 'fri', label: 'Fri' },
  { value: 'sat', label: 'Sat' },
  { value: 'sun', label: 'Sun' },
] as const;
type Day = (typeof DAYS)[number]['value'];

const END_OF_DAY = '24:00';

const OFFICE_HOURS: WaitWindow = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };

interface WindowFieldsProps {
  actionId: string;
  window: WaitWindow | undefined;
  issues: ApiIssue[] | undefined;
  onChange: (window: WaitWindow | undefined) => void;
}

/**
 * A wait's window: when the wait ends outside these days and hours, the run goes on at the next
 * opening (so no SMS at 3 a.m.). In the calendar's time zone unless one is given.
 */
export function WindowFields({ actionId, window, issues, onChange }: WindowFieldsProps) {
  const id = stepFieldId(actionId, 'window');
  const windowMessages = (issues ?? []).filter((issue) => issue.path === 'window').map((issue) => issue.message);
  const daysMessages = stepMessages(issues, 'window.days');
  const fromMessages = stepMessages(issues, 'window.from');
  const toMessages = stepMessages(issues, 'window.to');
  const timezoneMessages = stepMessages(issues, 'window.timezone');
  /** "24:00", which a time input cannot show: the window lasts to the end of the day. */
  const untilMidnight = window?.to === END_OF_DAY;
  const set = (next: Partial<WaitWindow>) => window && onChange({ ...window, ...next });
  const toggleDay = (day: Day, checked: boolean) =>
    window &&
    set({
      days: checked
        ? DAYS.map((entry) => entry.value).filter((value) => value === day || window.days.includes(value))
        : window.days.filter((value) => value !== day),
    });

  return (
    <fieldset
      id={id}
      className="window-fields"
      aria-describedby={windowMessages.length > 0 ? `${id}-messages` : undefined}
    >
      <legend>Window</legend>
      <div className="choice">
        <input
          type="checkbox"
          id={`${id}-on`}
          checked={window !== undefined}
          onChange={(event) => onChange(event.target.checked ? OFFICE_HOURS : undefined)}
        />
        <label htmlFor={`${id}-on`}>Only go on within certain days and hours</label>
      </div>
      {window ? (
        <>
          <div
            className="checkboxes"
            role="group"
            aria-label="Days"
            aria-describedby={daysMessages.length > 0 ? `${id}-days-messages` : undefined}
          >
            {DAYS.map((day) => (
              <div className="choice" key={day.value}>
                <input
                  type="checkbox"
                  id={`${id}-${day.value}`}
                  checked={window.days.includes(day.value)}
                  aria-invalid={daysMessages.length > 0 || undefined}
                  onChange={(event) => toggleDay(day.value, event.target.checked)}
                />
                <label htmlFor={`${id}-${day.value}`}>{day.label}</label>
              </div>
            ))}
          </div>
          <FieldMessages id={`${id}-days-messages`} messages={daysMessages} />
          <div className="field-row">
            <div className="field">
              <label htmlFor={`${id}-from`}>From</label>
              <input
                id={`${id}-from`}
                type="time"
                value={window.from}
                onChange={(event) => set({ from: event.target.value })}
                {...invalidProps(`${id}-from-messages`, fromMessages)}
              />
              <FieldMessages id={`${id}-from-messages`} messages={fromMessages} />
            </div>
            <div className="field">
              <label htmlFor={`${id}-to`}>To</label>
              <input
                id={`${id}-to`}
                type="time"
                value={untilMidnight ? '' : window.to}
                disabled={untilMidnight}
                onChange={(event) => set({ to: event.target.value })}
                {...invalidProps(`${id}-to-messages`, toMessages)}
              />
              <div className="choice">
                <input
                  type="checkbox"
                  id={`${id}-midnight`}
                  checked={untilMidnight}
                  onChange={(event) => set({ to: event.target.checked ? END_OF_DAY : '17:00' })}
                />
                <label htmlFor={`${id}-midnight`}>Until midnight</label>
              </div>
              <FieldMessages id={`${id}-to-messages`} messages={toMessages} />
            </div>
            <div className="field field-grow">
              <label htmlFor={`${id}-timezone`}>Time zone (optional)</label>
              <input
                id={`${id}-timezone`}
                type="text"
                value={window.timezone ?? ''}
                placeholder="the calendar's, e.g. Europe/Paris"
                autoComplete="off"
                onChange={(event) => {
                  const { timezone: _timezone, ...rest } = window;
                  onChange(event.target.value.trim() ? { ...rest, timezone: event.target.value.trim() } : rest);
                }}
                {...invalidProps(`${id}-timezone-messages`, timezoneMessages)}
              />
              <FieldMessages id={`${id}-timezone-messages`} messages={timezoneMessages} />
            </div>
          </div>
        </>
      ) : null}
      <FieldMessages id={`${id}-messages`} messages={windowMessages} />
    </fieldset>
  );
}
