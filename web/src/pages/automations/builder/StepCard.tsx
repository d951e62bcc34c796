import { useState } from 'react';
import type { ApiIssue } from '../../../api/api-error';
import type { AutomationAction, MergeField } from '../../../api/api-types';
import { FieldMessages } from '../../../components/FieldMessages';
import { ACTION_TYPE_LABELS } from './automation-draft';
import { stepFieldId } from './form-issues';
import { MessagePreview } from './MessagePreview';
import { stepSummary } from './step-summary';
import { AppointmentTimeFields } from './steps/AppointmentTimeFields';
import { ConditionFields } from './steps/ConditionFields';
import { EmailFields } from './steps/EmailFields';
import { InternalNotificationFields } from './steps/InternalNotificationFields';
import { SmsFields } from './steps/SmsFields';
import type { StepFieldsProps } from './steps/step-fields-props';
import { WaitFields } from './steps/WaitFields';

interface StepCardProps {
  action: AutomationAction;
  index: number;
  actions: readonly AutomationAction[];
  issues: ApiIssue[] | undefined;
  mergeFields: readonly MergeField[];
  previewAppointmentId: string;
  /** a step just added opens at once */
  initiallyOpen: boolean;
  onChange: (action: AutomationAction) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/**
 * One step: its number, type and ID, the buttons that move or remove it, and its form. Closed, it
 * shows one line of what it does, so the whole automation reads at a glance; a step the API found
 * fault with stays open.
 */
export function StepCard(props: StepCardProps) {
  const { action, index, actions, issues, initiallyOpen, onMove, onRemove } = props;
  const [open, setOpen] = useState(initiallyOpen);
  const hasIssues = (issues ?? []).length > 0;
  const expanded = open || hasIssues;
  const headingId = stepFieldId(action.id, 'heading');
  const bodyId = stepFieldId(action.id, 'body-panel');
  const ownMessages = (issues ?? []).filter((issue) => issue.path === '').map((issue) => issue.message);
  const stepName = `step ${index + 1}`;

  return (
    <article
      className={hasIssues ? 'step panel step-invalid' : 'step panel'}
      aria-labelledby={headingId}
      id={stepFieldId(action.id, '')}
    >
      <header className="step-header">
        <h3 id={headingId} tabIndex={-1} data-control="heading">
          <span className="step-number">{index + 1}</span> {ACTION_TYPE_LABELS[action.type]}
        </h3>
        <span className="muted">
          ID <code>{action.id}</code>
        </span>
        <div className="step-controls">
          <button
            type="button"
            className="button-small"
            aria-expanded={expanded}
            aria-controls={bodyId}
            disabled={hasIssues}
            onClick={() => setOpen(!open)}
          >
            {expanded ? 'Close' : 'Edit'}
            <span className="visually-hidden"> {stepName}</span>
          </button>
          <button
            type="button"
            className="button-small"
            data-control="up"
            disabled={index === 0}
            onClick={() => onMove(-1)}
          >
            Move up<span className="visually-hidden"> {stepName}</span>
          </button>
          <button
            type="button"
            className="button-small"
            data-control="down"
            disabled={index === actions.length - 1}
            onClick={() => onMove(1)}
          >
            Move down<span className="visually-hidden"> {stepName}</span>
          </button>
          <button type="button" className="button-small button-danger" onClick={onRemove}>
            Remove<span className="visually-hidden"> {stepName}</span>
          </button>
        </div>
      </header>
      {expanded ? null : <p className="step-summary">{stepSummary(action)}</p>}
      <FieldMessages id={`${headingId}-messages`} messages={ownMessages} />
      <div id={bodyId} hidden={!expanded}>
        {expanded ? <StepFields {...props} /> : null}
      </div>
    </article>
  );
}

function StepFields({ action, actions, issues, mergeFields, previewAppointmentId, onChange }: StepCardProps) {
  const common: Omit<StepFieldsProps<never>, 'action' | 'onChange'> = { issues, mergeFields };
  switch (action.type) {
    case 'wait':
      return <WaitFields {...common} action={action} onChange={onChange} />;
    case 'wait_for_appointment_time':
      return <AppointmentTimeFields {...common} action={action} actions={actions} onChange={onChange} />;
    case 'send_email':
      return (
        <>
          <EmailFields {...common} action={action} onChange={onChange} />
          <MessagePreview action={action} appointmentId={previewAppointmentId} />
        </>
      );
    case 'send_sms':
      return (
        <>
          <SmsFields {...common} action={action} onChange={onChange} />
          <MessagePreview action={action} appointmentId={previewAppointmentId} />
        </>
      );
    case 'internal_notification':
      return (
        <>
          <InternalNotificationFields {...common} action={action} onChange={onChange} />
          <MessagePreview action={action} appointmentId={previewAppointmentId} />
        </>
      );
    case 'condition':
      return <ConditionFields {...common} action={action} actions={actions} onChange={onChange} />;
    default: {
      const unknown: never = action;
      return <p>Unknown step {JSON.stringify(unknown)}</p>;
    }
  }
}
