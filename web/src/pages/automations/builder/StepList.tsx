import { useRef, useState } from 'react';
import type { ActionType, AutomationAction } from '../../../api/api-types';
import { messagesWithin } from '../../../api/issues';
import { FieldMessages } from '../../../components/FieldMessages';
import { useFocusAfterRender } from '../../../components/use-focus-after-render';
import { useMergeFields } from '../../../queries/automations';
import { ACTION_TYPE_LABELS, ACTION_TYPES, moveAction, newAction, removeAction } from './automation-draft';
import type { FormIssues } from './form-issues';
import { StepCard } from './StepCard';

interface StepListProps {
  actions: AutomationAction[];
  issues: FormIssues;
  previewAppointmentId: string;
  onPreviewAppointmentIdChange: (appointmentId: string) => void;
  onChange: (actions: AutomationAction[]) => void;
}

/** The ordered steps: add, remove, move up and down, each with its own form. */
export function StepList({
  actions,
  issues,
  previewAppointmentId,
  onPreviewAppointmentIdChange,
  onChange,
}: StepListProps) {
  const mergeFields = useMergeFields();
  const [newType, setNewType] = useState<ActionType>('send_email');
  const [announcement, setAnnouncement] = useState('');
  const [added, setAdded] = useState<ReadonlySet<string>>(new Set());
  const list = useRef<HTMLOListElement>(null);

  /** After a move the moved step's button keeps the focus, so a keyboard user can keep moving it. */
  const focusAfterRender = useFocusAfterRender();
  const focusStepControl = (actionId: string, control: string) =>
    focusAfterRender(() =>
      list.current?.querySelector<HTMLElement>(`[data-step="${actionId}"] [data-control="${control}"]`),
    );

  const move = (index: number, by: -1 | 1) => {
    const action = actions[index];
    if (!action) return;
    onChange(moveAction(actions, index, by));
    setAnnouncement(`Step ${action.id} moved to position ${index + by + 1}.`);
    focusStepControl(action.id, by === -1 ? 'up' : 'down');
  };
  const remove = (index: number) => {
    const action = actions[index];
    const next = removeAction(actions, index);
    const redirected = next.filter((after) => after !== actions.find((before) => before.id === after.id)).length;
    onChange(next);
    setAnnouncement(
      `Step ${action?.id ?? ''} removed.` +
        (redirected > 0 ? ' Steps that went to it now continue with the next step instead.' : ''),
    );
    focusAfterRender(() => document.getElementById('add-step-type'));
  };
  const add = () => {
    const action = newAction(newType, actions);
    onChange([...actions, action]);
    setAdded((ids) => new Set(ids).add(action.id));
    setAnnouncement(`Step ${actions.length + 1}, ${ACTION_TYPE_LABELS[newType]}, added.`);
    focusStepControl(action.id, 'heading');
  };

  return (
    <section className="panel" aria-labelledby="steps-heading">
      <h2 id="steps-heading" tabIndex={-1}>
        Steps
      </h2>
      <FieldMessages id="steps-messages" messages={messagesWithin(issues.top, 'actions')} />
      <div className="field">
        <label htmlFor="preview-appointment">Preview with appointment ID (optional)</label>
        <input
          id="preview-appointment"
          type="text"
          value={previewAppointmentId}
          aria-describedby="preview-appointment-hint"
          onChange={(event) => onPreviewAppointmentIdChange(event.target.value)}
        />
        <p id="preview-appointment-hint" className="hint">
          Previews use a sample appointment unless you give the ID of a real one.
        </p>
      </div>
      <ol className="steps" ref={list}>
        {actions.map((action, index) => (
          <li key={action.id} data-step={action.id}>
            <StepCard
              action={action}
              index={index}
              actions={actions}
              issues={issues.steps.get(action.id)}
              mergeFields={mergeFields.data ?? []}
              previewAppointmentId={previewAppointmentId}
              initiallyOpen={added.has(action.id) || actions.length === 1}
              onChange={(next) => onChange(actions.map((candidate, at) => (at === index ? next : candidate)))}
              onMove={(by) => move(index, by)}
              onRemove={() => remove(index)}
            />
          </li>
        ))}
      </ol>
      <div className="add-step">
        <div className="field">
          <label htmlFor="add-step-type">New step</label>
          <select id="add-step-type" value={newType} onChange={(event) => setNewType(event.target.value as ActionType)}>
            {ACTION_TYPES.map((type) => (
              <option key={type} value={type}>
                {ACTION_TYPE_LABELS[type]}
              </option>
            ))}
          </select>
        </div>
        <button type="button" onClick={add}>
          Add step
        </button>
      </div>
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </section>
  );
}
