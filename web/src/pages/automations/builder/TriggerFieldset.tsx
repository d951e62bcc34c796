import type { ApiIssue } from '../../../api/api-error';
import type { AutomationTrigger } from '../../../api/api-types';
import { messagesWithin } from '../../../api/issues';
import { FieldMessages, invalidProps } from '../../../components/FieldMessages';
import { useCalendars } from '../../../queries/calendars';
import { useUsers } from '../../../queries/users';
import { CheckboxGroup } from './CheckboxGroup';

type Filters = AutomationTrigger['filters'];

const STATUS_OPTIONS = [
  { value: 'new', label: 'New (unconfirmed)' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'showed', label: 'Showed' },
  { value: 'noshow', label: 'No-show' },
  { value: 'invalid', label: 'Invalid' },
] as const;

interface TriggerFieldsetProps {
  trigger: AutomationTrigger;
  issues: readonly ApiIssue[];
  onChange: (trigger: AutomationTrigger) => void;
}

/** The "Appointment status" trigger and its filters, as in the article. */
export function TriggerFieldset({ trigger, issues, onChange }: TriggerFieldsetProps) {
  const calendars = useCalendars();
  const users = useUsers();
  const { filters } = trigger;
  const setFilters = (next: Partial<Filters>) => {
    const merged: Filters = { ...filters, ...next };
    // An empty list means "every calendar / user": the API wants the key left out then.
    if (merged.calendarIds?.length === 0) delete merged.calendarIds;
    if (merged.userIds?.length === 0) delete merged.userIds;
    onChange({ ...trigger, filters: merged });
  };
  const eventTypeMessages = messagesWithin(issues, 'trigger.filters.eventType');
  const otherMessages = issues
    .filter((issue) => issue.path === 'trigger' || issue.path === 'trigger.filters' || issue.path === 'trigger.type')
    .map((issue) => issue.message);

  return (
    <section className="panel" aria-labelledby="trigger-heading">
      <h2 id="trigger-heading" tabIndex={-1}>
        Trigger: appointment status
      </h2>
      <p className="hint">A run starts each time an appointment is created with, or changes to, a chosen status.</p>
      <FieldMessages id="trigger-messages" messages={otherMessages} />
      <div className="field">
        <label htmlFor="trigger-event-type">Event type</label>
        <select
          id="trigger-event-type"
          value={filters.eventType ?? 'any'}
          onChange={(event) => setFilters({ eventType: event.target.value as Filters['eventType'] })}
          {...invalidProps('trigger-event-type-messages', eventTypeMessages)}
        >
          <option value="any">Any appointment</option>
          <option value="one_time">One-time appointments</option>
          <option value="recurring">Recurring appointments</option>
        </select>
        <FieldMessages id="trigger-event-type-messages" messages={eventTypeMessages} />
      </div>
      <CheckboxGroup
        id="trigger-statuses"
        legend="Appointment statuses"
        hint="At least one."
        options={STATUS_OPTIONS}
        selected={filters.statuses}
        messages={messagesWithin(issues, 'trigger.filters.statuses')}
        onChange={(statuses) => setFilters({ statuses: statuses as Filters['statuses'] })}
      />
      <CheckboxGroup
        id="trigger-calendars"
        legend="In calendars"
        hint="None checked: every calendar."
        options={(calendars.data ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        selected={filters.calendarIds ?? []}
        messages={messagesWithin(issues, 'trigger.filters.calendarIds')}
        onChange={(calendarIds) => setFilters({ calendarIds })}
      />
      <CheckboxGroup
        id="trigger-users"
        legend="For assigned users"
        hint="None checked: every user."
        options={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
        selected={filters.userIds ?? []}
        messages={messagesWithin(issues, 'trigger.filters.userIds')}
        onChange={(userIds) => setFilters({ userIds })}
      />
    </section>
  );
}
