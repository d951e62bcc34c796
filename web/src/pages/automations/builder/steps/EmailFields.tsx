import type { ActionOfType } from '../../../../api/api-types';
import { FieldMessages } from '../../../../components/FieldMessages';
import { stepFieldId, stepMessages } from '../form-issues';
import { TemplateField } from '../TemplateField';
import { RecipientField } from './RecipientField';
import type { StepFieldsProps } from './step-fields-props';

type Action = ActionOfType<'send_email'>;

/** An optional template left empty is left out: the API refuses empty templates. */
const optional = (value: string) => (value === '' ? undefined : value);

export function EmailFields({ action, issues, mergeFields, onChange }: StepFieldsProps<Action>) {
  const field = (name: string) => ({
    id: stepFieldId(action.id, name),
    messages: stepMessages(issues, name),
    mergeFields,
  });
  return (
    <>
      <RecipientField
        id={stepFieldId(action.id, 'to')}
        options={[
          { value: 'contact', label: 'The contact who booked' },
          { value: 'assigned_user', label: 'The assigned user (host)' },
        ]}
        literalLabel="An e-mail address"
        literalPlaceholder="name@example.com"
        value={action.to}
        messages={stepMessages(issues, 'to')}
        onChange={(to) => onChange({ ...action, to })}
      />
      <TemplateField
        {...field('subject')}
        label="Subject"
        value={action.subject}
        onChange={(subject) => onChange({ ...action, subject })}
      />
      <TemplateField
        {...field('html')}
        label="HTML body"
        hint="Merge fields are HTML-escaped here. Leave empty to send text only."
        multiline
        rows={7}
        value={action.html ?? ''}
        onChange={(html) => onChange({ ...action, html: optional(html) })}
      />
      <TemplateField
        {...field('text')}
        label="Plain-text body"
        hint="For mail programs that show no HTML. Leave empty to send HTML only."
        multiline
        rows={5}
        value={action.text ?? ''}
        onChange={(text) => onChange({ ...action, text: optional(text) })}
      />
      <div className="choice">
        <input
          type="checkbox"
          id={stepFieldId(action.id, 'attachCalendarInvite')}
          checked={action.attachCalendarInvite === true}
          onChange={(event) => onChange({ ...action, attachCalendarInvite: event.target.checked ? true : undefined })}
        />
        <label htmlFor={stepFieldId(action.id, 'attachCalendarInvite')}>
          Attach a calendar invite (.ics): updated on reschedule, cancelled on cancellation
        </label>
      </div>
      <FieldMessages
        id={`${stepFieldId(action.id, 'attachCalendarInvite')}-messages`}
        messages={stepMessages(issues, 'attachCalendarInvite')}
      />
    </>
  );
}
