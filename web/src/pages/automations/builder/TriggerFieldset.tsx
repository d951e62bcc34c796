import type { ApiIssue } from '../../../api/api-error';
import type { AutomationTrigger, ChangeSource, TriggerOfType, TriggerType } from '../../../api/api-types';
import { messagesWithin } from '../../../api/issues';
import { FieldMessages, invalidProps } from '../../../components/FieldMessages';
import { useCalendars } from '../../../queries/calendars';
import { useUsers } from '../../../queries/users';
import { SOURCE_LABELS } from '../trigger-summary';
import { CheckboxGroup } from './CheckboxGroup';

type StatusFilters = TriggerOfType<'appointment_status'>['filters'];
/** The filters both triggers have. */
type CommonFilters = Pick<StatusFilters, 'calendarIds' | 'userIds' | 'sources'>;

export const STATUS_OPTIONS = [
  { value: 'new', label: 'New (unconfirmed)' },
  { value: 'confirmed', label: 'Confirmed' },
  { value: 'cancelled', label: 'Cancelled' },
  { value: 'showed', label: 'Showed' },
  { value: 'noshow', label: 'No-show' },
  { value: 'invalid', label: 'Invalid' },
] as const;

const SOURCE_OPTIONS = (Object.keys(SOURCE_LABELS) as ChangeSource[]).map((value) => ({
  value,
  label: SOURCE_LABELS[value],
}));

const TRIGGER_HINTS: Record<TriggerType, string> = {
  appointment_status:
    'A run starts each time an appointment is created with, or changes to, a chosen status. ' +
    "An automation's own changes never start it again.",
  appointment_booked: 'A run starts once when an appointment is created, whatever its status.',
};

/** An empty list means "every calendar / user / source": the API wants the key left out then. */
function withoutEmptyLists<F extends CommonFilters>(filters: F): F {
  const result = { ...filters };
  for (const key of ['calendarIds', 'userIds', 'sources'] as const) {
    if (result[key]?.length === 0) delete result[key];
  }
  return result;
}

/** The other trigger, keeping the filters both have. */
function switchTrigger(trigger: AutomationTrigger, type: TriggerType): AutomationTrigger {
  const { calendarIds, userIds, sources } = trigger.filters ?? {};
  const common: CommonFilters = withoutEmptyLists({ calendarIds, userIds, sources });
  return type === 'appointment_status'
    ? { type, filters: { eventType: 'any', statuses: ['confirmed'], ...common } }
    : { type, filters: common };
}

interface TriggerFieldsetProps {
  trigger: AutomationTrigger;
  issues: readonly ApiIssue[];
  onChange: (trigger: AutomationTrigger) => void;
}

/** The trigger and its filters, as in the article ("Appointment Status", event type, statuses, calendars). */
export function TriggerFieldset({ trigger, issues, onChange }: TriggerFieldsetProps) {
  const calendars = useCalendars();
  const users = useUsers();
  const filters = trigger.filters ?? {};
  const setCommon = (next: Partial<CommonFilters>) =>
    onChange(
      trigger.type === 'appointment_status'
        ? { ...trigger, filters: withoutEmptyLists({ ...trigger.filters, ...next }) }
        : { ...trigger, filters: withoutEmptyLists({ ...trigger.filters, ...next }) },
    );
  const typeMessages = messagesWithin(issues, 'trigger.type');
  const otherMessages = issues
    .filter((issue) => issue.path === 'trigger' || issue.path === 'trigger.filters')
    .map((issue) => issue.message);

  return (
    <section className="panel" aria-labelledby="trigger-heading">
      <h2 id="trigger-heading" tabIndex={-1}>
        Trigger
      </h2>
      <FieldMessages id="trigger-messages" messages={otherMessages} />
      <div className="field">
        <label htmlFor="trigger-type">Start a run when</label>
        <select
          id="trigger-type"
          value={trigger.type}
          aria-describedby="trigger-type-hint"
          onChange={(event) => onChange(switchTrigger(trigger, event.target.value as TriggerType))}
          {...invalidProps('trigger-type-messages', typeMessages)}
        >
          <option value="appointment_status">Appointment status: an appointment gets a status</option>
          <option value="appointment_booked">Appointment booked: an appointment is created</option>
        </select>
        <p id="trigger-type-hint" className="hint">
          {TRIGGER_HINTS[trigger.type]}
        </p>
        <FieldMessages id="trigger-type-messages" messages={typeMessages} />
      </div>
      {trigger.type === 'appointment_status' ? (
        <StatusFilterFields trigger={trigger} issues={issues} onChange={onChange} />
      ) : null}
      <CheckboxGroup
        id="trigger-calendars"
        legend="In calendars"
        hint="None checked: every calendar."
        options={(calendars.data ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
        selected={filters.calendarIds ?? []}
        messages={messagesWithin(issues, 'trigger.filters.calendarIds')}
        onChange={(calendarIds) => setCommon({ calendarIds })}
      />
      <CheckboxGroup
        id="trigger-users"
        legend="For assigned users"
        hint="None checked: every user."
        options={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
        selected={filters.userIds ?? []}
        messages={messagesWithin(issues, 'trigger.filters.userIds')}
        onChange={(userIds) => setCommon({ userIds })}
      />
      <CheckboxGroup
        id="trigger-sources"
        legend="Changed by"
        hint="None checked: whoever made the change."
        options={SOURCE_OPTIONS}
        selected={filters.sources ?? []}
        messages={messagesWithin(issues, 'trigger.filters.sources')}
        onChange={(sources) => setCommon({ sources: sources as ChangeSource[] })}
      />
    </section>
  );
}

function StatusFilterFields({
  trigger,
  issues,
  onChange,
}: {
  trigger: TriggerOfType<'appointment_status'>;
  issues: readonly ApiIssue[];
  onChange: (trigger: AutomationTrigger) => void;
}) {
  const { filters } = trigger;
  const eventTypeMessages = messagesWithin(issues, 'trigger.filters.eventType');
  const setFilters = (next: Partial<StatusFilters>) => onChange({ ...trigger, filters: { ...filters, ...next } });

  return (
    <>
      <div className="field">
        <label htmlFor="trigger-event-type">Event type</label>
        <select
          id="trigger-event-type"
          value={filters.eventType ?? 'any'}
          onChange={(event) => setFilters({ eventType: event.target.value as StatusFilters['eventType'] })}
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
        onChange={(statuses) => setFilters({ statuses: statuses as StatusFilters['statuses'] })}
      />
    </>
  );
}
