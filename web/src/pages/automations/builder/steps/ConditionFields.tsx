import type { ActionOfType, AutomationAction, ConditionPredicate } from '../../../../api/api-types';
import { FieldMessages, invalidProps } from '../../../../components/FieldMessages';
import { ACTION_TYPE_LABELS } from '../automation-draft';
import { stepFieldId, stepMessages } from '../form-issues';
import { newPredicate, PREDICATE_FIELDS, type PredicateField } from './condition-predicates';
import { PredicateValue } from './PredicateValue';
import type { StepFieldsProps } from './step-fields-props';

type Action = ActionOfType<'condition'>;

/** If/else on the appointment: where the run goes when the conditions hold, and where otherwise. */
export function ConditionFields({
  action,
  actions,
  issues,
  onChange,
}: StepFieldsProps<Action> & { actions: readonly AutomationAction[] }) {
  const id = stepFieldId(action.id, 'if');
  const setPredicate = (index: number, predicate: ConditionPredicate) =>
    onChange({ ...action, if: action.if.map((current, at) => (at === index ? predicate : current)) });
  const targets = actions.filter((candidate) => candidate.id !== action.id);
  const matchMessages = stepMessages(issues, 'match');

  return (
    <>
      <div className="field">
        <label htmlFor={stepFieldId(action.id, 'match')}>Go the “then” way when</label>
        <select
          id={stepFieldId(action.id, 'match')}
          value={action.match}
          onChange={(event) => onChange({ ...action, match: event.target.value === 'any' ? 'any' : 'all' })}
          {...invalidProps(`${stepFieldId(action.id, 'match')}-messages`, matchMessages)}
        >
          <option value="all">all of these conditions hold</option>
          <option value="any">any of these conditions holds</option>
        </select>
        <FieldMessages id={`${stepFieldId(action.id, 'match')}-messages`} messages={matchMessages} />
      </div>
      <ol className="predicates" id={id}>
        {action.if.map((predicate, index) => {
          const predicateId = `${id}-${index}`;
          return (
            <li key={index}>
              <fieldset>
                <legend>Condition {index + 1}</legend>
                <div className="field">
                  <label htmlFor={`${predicateId}-field`}>About</label>
                  <select
                    id={`${predicateId}-field`}
                    value={predicate.field}
                    onChange={(event) => setPredicate(index, newPredicate(event.target.value as PredicateField))}
                  >
                    {PREDICATE_FIELDS.map((field) => (
                      <option key={field.value} value={field.value}>
                        {field.label}
                      </option>
                    ))}
                  </select>
                </div>
                <PredicateValue
                  id={predicateId}
                  predicate={predicate}
                  messages={stepMessages(issues, `if[${index}]`)}
                  onChange={(next) => setPredicate(index, next)}
                />
                <button
                  type="button"
                  className="button-small button-danger"
                  disabled={action.if.length === 1}
                  onClick={() => onChange({ ...action, if: action.if.filter((_, at) => at !== index) })}
                >
                  Remove condition {index + 1}
                </button>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <FieldMessages
        id={`${id}-messages`}
        messages={(issues ?? []).filter((issue) => issue.path === 'if').map((issue) => issue.message)}
      />
      <button
        type="button"
        className="button-small"
        onClick={() => onChange({ ...action, if: [...action.if, newPredicate('status')] })}
      >
        Add a condition
      </button>
      <div className="field-row branch-targets">
        <JumpTarget
          id={stepFieldId(action.id, 'then')}
          label="Then"
          value={action.then}
          targets={targets}
          actions={actions}
          messages={stepMessages(issues, 'then')}
          onChange={(then) => onChange({ ...action, then })}
        />
        <JumpTarget
          id={stepFieldId(action.id, 'else')}
          label="Otherwise"
          value={action.else}
          targets={targets}
          actions={actions}
          messages={stepMessages(issues, 'else')}
          onChange={(otherwise) => onChange({ ...action, else: otherwise })}
        />
      </div>
    </>
  );
}

interface JumpTargetProps {
  id: string;
  label: string;
  value: string;
  targets: readonly AutomationAction[];
  actions: readonly AutomationAction[];
  messages: readonly string[];
  onChange: (target: string) => void;
}

function JumpTarget({ id, label, value, targets, actions, messages, onChange }: JumpTargetProps) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={messages.length > 0 || undefined}
        aria-describedby={messages.length > 0 ? `${id}-messages` : undefined}
        onChange={(event) => onChange(event.target.value)}
      >
        <option value="next">continue with the next step</option>
        {value !== 'next' && !targets.some((target) => target.id === value) ? (
          <option value={value}>go to {value} (no such step)</option>
        ) : null}
        {targets.map((target) => (
          <option key={target.id} value={target.id}>
            go to step {actions.indexOf(target) + 1}: {ACTION_TYPE_LABELS[target.type]} ({target.id})
          </option>
        ))}
      </select>
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
