import type { ActionOfType, AutomationAction } from '../../../../api/api-types';
import { FieldMessages } from '../../../../components/FieldMessages';
import { joinOffset, splitOffset } from '../../../../format/durations';
import { ACTION_TYPE_LABELS } from '../automation-draft';
import { stepFieldId, stepMessages } from '../form-issues';
import { DurationInputs } from './DurationInputs';
import type { StepFieldsProps } from './step-fields-props';
import { withWindow } from './with-window';
import { WindowFields } from './WindowFields';

type Action = ActionOfType<'wait_for_appointment_time'>;
type Policy = 'next' | 'skip_outbound_until_next_wait' | 'goto';

/** Wait until a point before or after the appointment's start, and what to do when it has passed. */
export function AppointmentTimeFields({
  action,
  actions,
  issues,
  onChange,
}: StepFieldsProps<Action> & { actions: readonly AutomationAction[] }) {
  const offsetId = stepFieldId(action.id, 'offset');
  const policyId = stepFieldId(action.id, 'ifPassed');
  const offsetMessages = stepMessages(issues, 'offset');
  const policyMessages = stepMessages(issues, 'ifPassed');
  const split = splitOffset(action.offset) ?? { amount: '', unit: 'h' as const, direction: 'before' as const };
  const policy: Policy = typeof action.ifPassed === 'object' ? 'goto' : action.ifPassed;
  const gotoTarget = typeof action.ifPassed === 'object' ? action.ifPassed.goto : '';
  const targets = actions.filter((candidate) => candidate.id !== action.id);

  const setPolicy = (next: Policy) =>
    onChange({
      ...action,
      ifPassed: next === 'goto' ? { goto: gotoTarget || (targets[0]?.id ?? '') } : next,
    });

  return (
    <>
      <div className="field">
        <div className="field-row">
          <DurationInputs
            id={offsetId}
            label="Wait until"
            amount={split.amount}
            unit={split.unit}
            invalid={offsetMessages.length > 0}
            describedBy={offsetMessages.length > 0 ? `${offsetId}-messages` : undefined}
            onChange={(amount, unit) => onChange({ ...action, offset: joinOffset({ ...split, amount, unit }) })}
          />
          <div className="duration-inputs">
            <label htmlFor={`${offsetId}-direction`} className="visually-hidden">
              Before or after the start
            </label>
            <select
              id={`${offsetId}-direction`}
              value={split.direction}
              onChange={(event) =>
                onChange({
                  ...action,
                  offset: joinOffset({ ...split, direction: event.target.value === 'after' ? 'after' : 'before' }),
                })
              }
            >
              <option value="before">before the appointment starts</option>
              <option value="after">after the appointment starts</option>
            </select>
          </div>
        </div>
        <FieldMessages id={`${offsetId}-messages`} messages={offsetMessages} />
      </div>
      <fieldset
        id={policyId}
        className="radio-group"
        aria-describedby={policyMessages.length > 0 ? `${policyId}-messages` : undefined}
      >
        <legend>If that time has already passed when the run gets here</legend>
        <div className="choice">
          <input
            type="radio"
            id={`${policyId}-next`}
            name={policyId}
            checked={policy === 'next'}
            onChange={() => setPolicy('next')}
          />
          <label htmlFor={`${policyId}-next`}>Continue with the next step</label>
        </div>
        <div className="choice">
          <input
            type="radio"
            id={`${policyId}-skip`}
            name={policyId}
            checked={policy === 'skip_outbound_until_next_wait'}
            onChange={() => setPolicy('skip_outbound_until_next_wait')}
          />
          <label htmlFor={`${policyId}-skip`}>Skip messages until the next wait</label>
        </div>
        <div className="choice">
          <input
            type="radio"
            id={`${policyId}-goto`}
            name={policyId}
            checked={policy === 'goto'}
            disabled={targets.length === 0}
            onChange={() => setPolicy('goto')}
          />
          <label htmlFor={`${policyId}-goto`}>Go to step…</label>
        </div>
        {policy === 'goto' ? (
          <div className="field nested">
            <label htmlFor={`${policyId}-target`}>Step to go to</label>
            <select
              id={`${policyId}-target`}
              value={gotoTarget}
              onChange={(event) => onChange({ ...action, ifPassed: { goto: event.target.value } })}
            >
              {gotoTarget && !targets.some((target) => target.id === gotoTarget) ? (
                <option value={gotoTarget}>{gotoTarget} (no such step)</option>
              ) : null}
              {targets.map((target) => (
                <option key={target.id} value={target.id}>
                  Step {actions.indexOf(target) + 1}: {ACTION_TYPE_LABELS[target.type]} ({target.id})
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <FieldMessages id={`${policyId}-messages`} messages={policyMessages} />
      </fieldset>
      <WindowFields
        actionId={action.id}
        window={action.window}
        issues={issues}
        onChange={(window) => onChange(withWindow(action, window))}
      />
    </>
  );
}
