import type { ApiIssue } from './api-error';

/** The messages of the issues at exactly this path (e.g. `actions[1].subject`). */
export function messagesAt(issues: readonly ApiIssue[], path: string): string[] {
  return issues.filter((issue) => issue.path === path).map((issue) => issue.message);
}

/** The messages at this path or inside it (`trigger.filters.statuses` also takes `…statuses[0]`). */
export function messagesWithin(issues: readonly ApiIssue[], path: string): string[] {
  return issues
    .filter((issue) => issue.path === path || issue.path.startsWith(`${path}.`) || issue.path.startsWith(`${path}[`))
    .map((issue) => issue.message);
}

/** An element id for the field an issue path names, so the error summary can link to it. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}
