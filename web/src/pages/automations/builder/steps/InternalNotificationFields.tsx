import type { ActionOfType } from '../../../../api/api-types';
import { FieldMessages } from '../../../../components/FieldMessages';
import { useUsers } from '../../../../queries/users';
import { stepFieldId, stepMessages } from '../form-issues';
import { TemplateField } from '../TemplateField';
import { RecipientField } from './RecipientField';
import type { StepFieldsProps } from './step-fields-props';

type Action = ActionOfType<'internal_notification'>;
type Channel = Action['channel'];

const USER_PREFIX = 'user:';

/** A note for the team (never the contact): e-mail, SMS or in-app, to the host or a given user. */
export function InternalNotificationFields({ action, issues, mergeFields, onChange }: StepFieldsProps<Action>) {
  const users = useUsers();
  const channelId = stepFieldId(action.id, 'channel');
  const channelMessages = stepMessages(issues, 'channel');
  // A `{userId}` recipient travels through the recipient field as "user:<id>".
  const to = typeof action.to === 'object' ? `${USER_PREFIX}${action.to.userId}` : action.to;
  const setTo = (value: string) =>
    onChange({
      ...action,
      to: value.startsWith(USER_PREFIX) ? { userId: value.slice(USER_PREFIX.length) } : value,
    });
  const literalLabel =
    action.channel === 'email' ? 'An e-mail address' : action.channel === 'sms' ? 'A phone number (E.164)' : null;
  const userOptions = (users.data ?? []).map((user) => ({ value: `${USER_PREFIX}${user.id}`, label: user.name }));
  if (typeof action.to === 'object' && !userOptions.some((option) => option.value === to)) {
    userOptions.push({ value: to, label: `User ${action.to.userId}` });
  }

  return (
    <>
      <div className="field">
        <label htmlFor={channelId}>Channel</label>
        <select
          id={channelId}
          value={action.channel}
          aria-invalid={channelMessages.length > 0 || undefined}
          onChange={(event) => onChange({ ...action, channel: event.target.value as Channel })}
        >
          <option value="in_app">In-app notification</option>
          <option value="email">E-mail (from the internal sender address)</option>
          <option value="sms">SMS</option>
        </select>
        <FieldMessages id={`${channelId}-messages`} messages={channelMessages} />
      </div>
      <RecipientField
        id={stepFieldId(action.id, 'to')}
        options={[{ value: 'assigned_user', label: 'The assigned user (host)' }, ...userOptions]}
        literalLabel={literalLabel}
        literalPlaceholder={action.channel === 'sms' ? '+14155550123' : 'team@example.com'}
        value={to}
        messages={stepMessages(issues, 'to')}
        onChange={setTo}
      />
      <TemplateField
        id={stepFieldId(action.id, 'subject')}
        label="Subject (optional)"
        value={action.subject ?? ''}
        messages={stepMessages(issues, 'subject')}
        mergeFields={mergeFields}
        onChange={(subject) => onChange({ ...action, subject: subject === '' ? undefined : subject })}
      />
      <TemplateField
        id={stepFieldId(action.id, 'body')}
        label="Message"
        multiline
        rows={3}
        value={action.body}
        messages={stepMessages(issues, 'body')}
        mergeFields={mergeFields}
        onChange={(body) => onChange({ ...action, body })}
      />
    </>
  );
}
