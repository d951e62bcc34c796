import { DURATION_UNITS, type DurationUnit } from '../../../../format/durations';

interface DurationInputsProps {
  id: string;
  label: string;
  amount: string;
  unit: DurationUnit;
  describedBy?: string;
  invalid: boolean;
  onChange: (amount: string, unit: DurationUnit) => void;
}

/** An amount and its unit, side by side; the amount's label names both. */
export function DurationInputs({ id, label, amount, unit, describedBy, invalid, onChange }: DurationInputsProps) {
  return (
    <div className="duration-inputs">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        min={0}
        inputMode="numeric"
        value={amount}
        aria-invalid={invalid || undefined}
        aria-describedby={describedBy}
        onChange={(event) => onChange(event.target.value, unit)}
      />
      <label htmlFor={`${id}-unit`} className="visually-hidden">
        Unit of {label.toLowerCase()}
      </label>
      <select id={`${id}-unit`} value={unit} onChange={(event) => onChange(amount, event.target.value as DurationUnit)}>
        {DURATION_UNITS.map((entry) => (
          <option key={entry.unit} value={entry.unit}>
            {entry.label}
          </option>
        ))}
      </select>
    </div>
  );
}
