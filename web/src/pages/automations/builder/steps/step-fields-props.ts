import type { ApiIssue } from '../../../../api/api-error';
import type { MergeField } from '../../../../api/api-types';

/** What every step form receives: its action, the save's issues for it, the merge fields. */
export interface StepFieldsProps<Action> {
  action: Action;
  issues: ApiIssue[] | undefined;
  mergeFields: readonly MergeField[];
  onChange: (action: Action) => void;
}
