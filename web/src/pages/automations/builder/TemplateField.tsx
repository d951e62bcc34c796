import { useRef } from 'react';
import type { MergeField } from '../../../api/api-types';
import { FieldMessages, invalidProps } from '../../../components/FieldMessages';
import { MergeFieldPicker } from './MergeFieldPicker';

interface TemplateFieldProps {
  id: string;
  label: string;
  value: string;
  multiline?: boolean;
  rows?: number;
  hint?: string;
  messages: readonly string[];
  mergeFields: readonly MergeField[];
  onChange: (value: string) => void;
}

/** A template (subject, HTML, text, SMS body) with its merge-field picker. */
export function TemplateField({
  id,
  label,
  value,
  multiline = false,
  rows = 4,
  hint,
  messages,
  mergeFields,
  onChange,
}: TemplateFieldProps) {
  const input = useRef<HTMLInputElement & HTMLTextAreaElement>(null);

  /** `{{field}}` goes where the cursor was (or replaces the selection); the cursor lands after it. */
  const insert = (path: string) => {
    const element = input.current;
    const text = `{{${path}}}`;
    const start = element?.selectionStart ?? value.length;
    const end = element?.selectionEnd ?? value.length;
    onChange(value.slice(0, start) + text + value.slice(end));
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(start + text.length, start + text.length);
    });
  };

  const describedBy = [hint ? `${id}-hint` : null, messages.length > 0 ? `${id}-messages` : null]
    .filter(Boolean)
    .join(' ');
  const fieldProps = {
    id,
    value,
    ref: input,
    spellCheck: false,
    onChange: (event: { target: { value: string } }) => onChange(event.target.value),
    ...invalidProps(`${id}-messages`, messages),
    'aria-describedby': describedBy || undefined,
  };

  return (
    <div className="field template-field">
      <label htmlFor={id}>{label}</label>
      {hint ? (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      ) : null}
      {multiline ? <textarea rows={rows} {...fieldProps} /> : <input type="text" {...fieldProps} />}
      <FieldMessages id={`${id}-messages`} messages={messages} />
      <MergeFieldPicker id={`${id}-merge`} fieldLabel={label} mergeFields={mergeFields} onInsert={insert} />
    </div>
  );
}
