/**
 * The API's validation issues for a saved draft, sorted to where the builder shows them. Issues of
 * steps are kept by step ID, not index, so they stay with their step when steps are moved.
 */
import type { ApiIssue } from '../../../api/api-error';
import type { AutomationAction } from '../../../api/api-types';

export interface FormIssues {
  /** name, status, trigger…, and `actions` itself (e.g. "must have at least one action") */
  top: ApiIssue[];
  /** by step ID; paths relative to the step (`subject`, `ifPassed.goto`, `` for the step itself) */
  steps: Map<string, ApiIssue[]>;
}

export const NO_ISSUES: FormIssues = { top: [], steps: new Map() };

const STEP_PATH = /^actions\[(\d+)\](?:\.(.*))?$/;

export function sortIssues(issues: readonly ApiIssue[], submitted: readonly AutomationAction[]): FormIssues {
  const result: FormIssues = { top: [], steps: new Map() };
  for (const issue of issues) {
    const match = STEP_PATH.exec(issue.path);
    const action = match ? submitted[Number(match[1])] : undefined;
    if (!match || !action) {
      result.top.push(issue);
      continue;
    }
    const list = result.steps.get(action.id) ?? [];
    list.push({ path: match[2] ?? '', message: issue.message });
    result.steps.set(action.id, list);
  }
  return result;
}

/** Messages for a field of a step: the field itself and anything inside it (`to.userId`). */
export function stepMessages(issues: readonly ApiIssue[] | undefined, field: string): string[] {
  return (issues ?? [])
    .filter((issue) => issue.path === field || issue.path.startsWith(`${field}.`) || issue.path.startsWith(`${field}[`))
    .map((issue) => issue.message);
}

/** The element id of a step's field, for labels and the error summary's links. */
export function stepFieldId(actionId: string, field: string): string {
  return `step-${actionId}-${field.replace(/[^A-Za-z0-9]+/g, '-') || 'step'}`;
}
