import { FieldMessages } from '../../../components/FieldMessages';

interface CheckboxGroupProps {
  id: string;
  legend: string;
  hint?: string;
  options: readonly { value: string; label: string }[];
  selected: readonly string[];
  messages: readonly string[];
  onChange: (selected: string[]) => void;
}

/** A multi-select as checkboxes in a fieldset: every option visible, each one labelled. */
export function CheckboxGroup({ id, legend, hint, options, selected, messages, onChange }: CheckboxGroupProps) {
  const describedBy = [hint ? `${id}-hint` : null, messages.length > 0 ? `${id}-messages` : null]
    .filter(Boolean)
    .join(' ');
  // Options the lists no longer hold (a deleted calendar) still show, so they can be unchecked.
  const shown = [
    ...options,
    ...selected
      .filter((value) => !options.some((option) => option.value === value))
      .map((value) => ({ value, label: value })),
  ];
  const toggle = (value: string, checked: boolean) =>
    onChange(checked ? [...selected, value] : selected.filter((item) => item !== value));

  return (
    <fieldset
      id={id}
      className="checkbox-group"
      aria-describedby={describedBy || undefined}
      aria-invalid={messages.length > 0 || undefined}
    >
      <legend>{legend}</legend>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {shown.length === 0 ? <p className="muted">None to choose from.</p> : null}
      <div className="checkboxes">
        {shown.map((option) => (
          <div className="choice" key={option.value}>
            <input
              type="checkbox"
              id={`${id}-${option.value}`}
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
            />
            <label htmlFor={`${id}-${option.value}`}>{option.label}</label>
          </div>
        ))}
      </div>
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </fieldset>
  );
}
