import { useState } from 'react';
import type { MergeField } from '../../../api/api-types';

interface MergeFieldPickerProps {
  id: string;
  fieldLabel: string;
  mergeFields: readonly MergeField[];
  onInsert: (path: string) => void;
}

/** Choose a merge field, then insert it: two steps, so browsing the list with the keyboard inserts nothing. */
export function MergeFieldPicker({ id, fieldLabel, mergeFields, onInsert }: MergeFieldPickerProps) {
  const [path, setPath] = useState('');
  const chosen = mergeFields.find((field) => field.path === path);

  return (
    <div className="merge-picker">
      <label htmlFor={id}>
        Merge field<span className="visually-hidden"> for {fieldLabel}</span>
      </label>
      <select id={id} value={path} onChange={(event) => setPath(event.target.value)}>
        <option value="">Choose a field…</option>
        {mergeFields.map((field) => (
          <option key={field.path} value={field.path}>
            {field.path}
          </option>
        ))}
      </select>
      <button type="button" className="button-small" disabled={!chosen} onClick={() => chosen && onInsert(chosen.path)}>
        Insert<span className="visually-hidden"> into {fieldLabel}</span>
      </button>
      {chosen ? <span className="hint merge-description">{chosen.description}</span> : null}
    </div>
  );
}
