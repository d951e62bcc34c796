import type { ActionOfType } from '../../../../api/api-types';
import { FieldMessages } from '../../../../components/FieldMessages';
import { joinDuration, splitDuration } from '../../../../format/durations';
import { stepFieldId, stepMessages } from '../form-issues';
import { DurationInputs } from './DurationInputs';
import type { StepFieldsProps } from './step-fields-props';
import { withWindow } from './with-window';
import { WindowFields } from './WindowFields';

/** A fixed delay; the article's recipe starts with one minute so the Zoom link exists first. */
export function WaitFields({ action, issues, onChange }: StepFieldsProps<ActionOfType<'wait'>>) {
  const id = stepFieldId(action.id, 'duration');
  const messages = stepMessages(issues, 'duration');
  const split = splitDuration(action.duration);

  return (
    <div className="field">
      {split ? (
        <DurationInputs
          id={id}
          label="Wait for"
          amount={split.amount}
          unit={split.unit}
          invalid={messages.length > 0}
          describedBy={messages.length > 0 ? `${id}-messages` : undefined}
          onChange={(amount, unit) => onChange({ ...action, duration: joinDuration({ amount, unit }) })}
        />
      ) : (
        // Text the fields cannot show (e.g. cleared): edited as the API writes it
        <>
          <label htmlFor={id}>Wait for (e.g. 1m, 24h, 2d)</label>
          <input
            id={id}
            type="text"
            value={action.duration}
            aria-invalid={messages.length > 0 || undefined}
            onChange={(event) => onChange({ ...action, duration: event.target.value })}
          />
        </>
      )}
      <FieldMessages id={`${id}-messages`} messages={messages} />
      <WindowFields
        actionId={action.id}
        window={action.window}
        issues={issues}
        onChange={(window) => onChange(withWindow(action, window))}
      />
    </div>
  );
}
