import type { ActionOfType } from '../../../../api/api-types';
import { stepFieldId, stepMessages } from '../form-issues';
import { TemplateField } from '../TemplateField';
import { RecipientField } from './RecipientField';
import type { StepFieldsProps } from './step-fields-props';

export function SmsFields({ action, issues, mergeFields, onChange }: StepFieldsProps<ActionOfType<'send_sms'>>) {
  return (
    <>
      <RecipientField
        id={stepFieldId(action.id, 'to')}
        options={[
          { value: 'contact', label: 'The contact who booked' },
          { value: 'assigned_user', label: 'The assigned user (host)' },
        ]}
        literalLabel="A phone number (E.164)"
        literalPlaceholder="+14155550123"
        value={action.to}
        messages={stepMessages(issues, 'to')}
        onChange={(to) => onChange({ ...action, to })}
      />
      <TemplateField
        id={stepFieldId(action.id, 'body')}
        label="Message"
        hint="Plain text, up to 1,600 characters after the merge."
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
