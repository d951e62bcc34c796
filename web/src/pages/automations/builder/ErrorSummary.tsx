import type { AutomationAction } from '../../../api/api-types';
import { stepLabel, type Draft } from './automation-draft';
import { stepFieldId, type FormIssues } from './form-issues';

/** Where a top-level issue path is shown in the form. */
export function topFieldId(path: string): string {
  if (path === 'name' || path.startsWith('name.')) return 'automation-name';
  if (path === 'status') return 'automation-status';
  if (path.startsWith('trigger.filters.eventType')) return 'trigger-event-type';
  if (path.startsWith('trigger.filters.statuses')) return 'trigger-statuses';
  if (path.startsWith('trigger.filters.calendarIds')) return 'trigger-calendars';
  if (path.startsWith('trigger.filters.userIds')) return 'trigger-users';
  if (path.startsWith('trigger.filters.sources')) return 'trigger-sources';
  if (path.startsWith('trigger.type')) return 'trigger-type';
  if (path.startsWith('trigger')) return 'trigger-heading';
  return 'steps-heading';
}

/** Every issue of a refused save in one list, each linking to the field that shows it. */
export function ErrorSummary({
  message,
  issues,
  actions,
}: {
  message: string;
  issues: FormIssues;
  actions: Draft['actions'];
}) {
  const stepIssues = [...issues.steps.entries()].flatMap(([actionId, list]) =>
    list.map((issue) => ({ actionId, ...issue })),
  );
  return (
    <div className="notice notice-error" role="alert">
      <h2 className="notice-title">The automation was not saved</h2>
      <p>{message}</p>
      {issues.top.length + stepIssues.length > 0 ? (
        <ul>
          {issues.top.map((issue) => (
            <li key={`${issue.path}:${issue.message}`}>
              <a href={`#${topFieldId(issue.path)}`}>{issue.path}</a>: {issue.message}
            </li>
          ))}
          {stepIssues.map((issue) => (
            <li key={`${issue.actionId}:${issue.path}:${issue.message}`}>
              <a
                href={`#${stepFieldId(issue.actionId, issue.path.split(/[.[]/)[0] ?? '')}`}
                onClick={(event) => {
                  const target = closestField(issue.actionId, issue.path);
                  if (!target) return;
                  event.preventDefault();
                  target.scrollIntoView({ block: 'center' });
                  target.focus();
                }}
              >
                {describeStep(actions, issue.actionId)}
                {issue.path ? ` · ${issue.path}` : ''}
              </a>
              : {issue.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function describeStep(actions: readonly AutomationAction[], actionId: string): string {
  return actions.some((action) => action.id === actionId) ? stepLabel(actions, actionId) : `Step ${actionId}`;
}

/**
 * The element that shows an issue of a step, as precisely as the form has one: `window.from` is
 * the window's "From" input, `if[0].in` the first condition's list, `ifPassed.goto` the policy.
 */
function closestField(actionId: string, path: string): HTMLElement | null {
  let rest = path;
  for (;;) {
    const element = document.getElementById(stepFieldId(actionId, rest));
    if (element) {
      // a fieldset or list is not focusable: its first control is
      const control = element.matches('input, select, textarea, button')
        ? element
        : element.querySelector<HTMLElement>('input, select, textarea, button');
      return control ?? element;
    }
    if (rest === '') return null;
    const cut = Math.max(rest.lastIndexOf('.'), rest.lastIndexOf('['));
    rest = cut > 0 ? rest.slice(0, cut) : '';
  }
}
