import type { ConditionPredicate } from '../../../../api/api-types';
import { FieldMessages } from '../../../../components/FieldMessages';
import { joinOffset, splitOffset } from '../../../../format/durations';
import { useCalendars } from '../../../../queries/calendars';
import { useUsers } from '../../../../queries/users';
import { CheckboxGroup } from '../CheckboxGroup';
import { STATUS_OPTIONS } from '../TriggerFieldset';
import { DurationInputs } from './DurationInputs';

interface PredicateValueProps {
  id: string;
  predicate: ConditionPredicate;
  messages: readonly string[];
  onChange: (predicate: ConditionPredicate) => void;
}

/** The value part of one condition, in the words of its field. */
export function PredicateValue({ id, predicate, messages, onChange }: PredicateValueProps) {
  const calendars = useCalendars();
  const users = useUsers();

  switch (predicate.field) {
    case 'status':
      return (
        <CheckboxGroup
          id={`${id}-in`}
          legend="Status is one of"
          options={STATUS_OPTIONS}
          selected={predicate.in}
          messages={messages}
          onChange={(statuses) => onChange({ ...predicate, in: statuses as typeof predicate.in })}
        />
      );
    case 'calendarId':
      return (
        <CheckboxGroup
          id={`${id}-in`}
          legend="Calendar is one of"
          options={(calendars.data ?? []).map((calendar) => ({ value: calendar.id, label: calendar.name }))}
          selected={predicate.in}
          messages={messages}
          onChange={(ids) => onChange({ ...predicate, in: ids })}
        />
      );
    case 'assignedUserId':
      return (
        <CheckboxGroup
          id={`${id}-in`}
          legend="Assigned user is one of"
          options={(users.data ?? []).map((user) => ({ value: user.id, label: user.name }))}
          selected={predicate.in}
          messages={messages}
          onChange={(ids) => onChange({ ...predicate, in: ids })}
        />
      );
    case 'rescheduled':
      return (
        <YesNo
          id={`${id}-is`}
          label="The appointment"
          yes="has been rescheduled"
          no="has not been rescheduled"
          value={predicate.is}
          messages={messages}
          onChange={(is) => onChange({ ...predicate, is })}
        />
      );
    case 'contact.email':
    case 'contact.phone':
      return (
        <YesNo
          id={`${id}-exists`}
          label="The contact"
          yes={predicate.field === 'contact.email' ? 'has an e-mail address' : 'has a phone number'}
          no={predicate.field === 'contact.email' ? 'has no e-mail address' : 'has no phone number'}
          value={predicate.exists}
          messages={messages}
          onChange={(exists) => onChange({ ...predicate, exists })}
        />
      );
    case 'start':
      return <StartPredicate id={id} predicate={predicate} messages={messages} onChange={onChange} />;
    default: {
      const unknown: never = predicate;
      return <p>Unknown condition {JSON.stringify(unknown)}</p>;
    }
  }
}

function YesNo(props: {
  id: string;
  label: string;
  yes: string;
  no: string;
  value: boolean;
  messages: readonly string[];
  onChange: (value: boolean) => void;
}) {
  return (
    <div className="field">
      <label htmlFor={props.id}>{props.label}</label>
      <select
        id={props.id}
        value={props.value ? 'yes' : 'no'}
        onChange={(event) => props.onChange(event.target.value === 'yes')}
      >
        <option value="yes">{props.yes}</option>
        <option value="no">{props.no}</option>
      </select>
      <FieldMessages id={`${props.id}-messages`} messages={props.messages} />
    </div>
  );
}

type StartPredicateValue = Extract<ConditionPredicate, { field: 'start' }>;

/**
 * `{"before": "+2h"}` reads "starts before 2 hours from now" (within two hours); a negative offset
 * is "ago". Exactly one of before/after is set.
 */
function StartPredicate({
  id,
  predicate,
  messages,
  onChange,
}: {
  id: string;
  predicate: StartPredicateValue;
  messages: readonly string[];
  onChange: (predicate: ConditionPredicate) => void;
}) {
  const comparison = predicate.after !== undefined ? 'after' : 'before';
  const offset = splitOffset(predicate[comparison] ?? '') ?? {
    amount: '',
    unit: 'h' as const,
    direction: 'after' as const,
  };
  const set = (nextComparison: 'before' | 'after', nextOffset: typeof offset) =>
    onChange({ field: 'start', [nextComparison]: joinOffset(nextOffset) });

  return (
    <div className="field">
      <div className="field-row">
        <div className="duration-inputs">
          <label htmlFor={`${id}-comparison`}>The appointment starts</label>
          <select
            id={`${id}-comparison`}
            value={comparison}
            onChange={(event) => set(event.target.value === 'after' ? 'after' : 'before', offset)}
          >
            <option value="before">before</option>
            <option value="after">after</option>
          </select>
        </div>
        <DurationInputs
          id={`${id}-amount`}
          label="Time"
          amount={offset.amount}
          unit={offset.unit}
          invalid={messages.length > 0}
          describedBy={messages.length > 0 ? `${id}-messages` : undefined}
          onChange={(amount, unit) => set(comparison, { ...offset, amount, unit })}
        />
        <div className="duration-inputs">
          <label htmlFor={`${id}-direction`} className="visually-hidden">
            From now or ago
          </label>
          <select
            id={`${id}-direction`}
            value={offset.direction}
            onChange={(event) =>
              set(comparison, { ...offset, direction: event.target.value === 'before' ? 'before' : 'after' })
            }
          >
            <option value="after">from now</option>
            <option value="before">ago</option>
          </select>
        </div>
      </div>
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
