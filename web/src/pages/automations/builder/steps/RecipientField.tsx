import { FieldMessages } from '../../../../components/FieldMessages';

export interface RecipientOption {
  value: string;
  label: string;
}

interface RecipientFieldProps {
  id: string;
  /** the named recipients (contact, assigned user…); anything else is the literal */
  options: readonly RecipientOption[];
  /** label of the literal choice, or null when a literal is not allowed */
  literalLabel: string | null;
  literalPlaceholder?: string;
  value: string;
  messages: readonly string[];
  onChange: (value: string) => void;
}

const LITERAL = '__literal__';

/** "Send to": a named recipient, or an address / number typed in. */
export function RecipientField({
  id,
  options,
  literalLabel,
  literalPlaceholder,
  value,
  messages,
  onChange,
}: RecipientFieldProps) {
  const named = options.some((option) => option.value === value);
  const choice = named ? value : LITERAL;
  const describedBy = messages.length > 0 ? `${id}-messages` : undefined;

  return (
    <div className="field">
      <div className="field-row">
        <div className="field">
          <label htmlFor={id}>Send to</label>
          <select
            id={id}
            value={choice}
            aria-invalid={(named && messages.length > 0) || undefined}
            aria-describedby={describedBy}
            onChange={(event) => onChange(event.target.value === LITERAL ? '' : event.target.value)}
          >
            {options.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
            {literalLabel ? <option value={LITERAL}>{literalLabel}</option> : null}
          </select>
        </div>
        {choice === LITERAL && literalLabel ? (
          <div className="field field-grow">
            <label htmlFor={`${id}-literal`}>{literalLabel}</label>
            <input
              id={`${id}-literal`}
              type="text"
              value={value}
              placeholder={literalPlaceholder}
              aria-invalid={messages.length > 0 || undefined}
              aria-describedby={describedBy}
              onChange={(event) => onChange(event.target.value)}
            />
          </div>
        ) : null}
      </div>
      <FieldMessages id={`${id}-messages`} messages={messages} />
    </div>
  );
}
