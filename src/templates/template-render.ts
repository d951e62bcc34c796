/**
 * Renders a checked template with the merge values of one recipient. Compiled templates are
 * cached: the same reminder renders for every appointment.
 */
import type Handlebars from 'handlebars';
import type { MergeFieldPath } from '../domain/merge-fields';
import { mergeFieldValues, type MergeData } from './merge-data';
import { TemplateError, templateIssues } from './template-check';
import { compileOptions, RUNTIME_OPTIONS, templateEngine, type TemplateEscape } from './template-language';

export interface RenderOptions {
  escape: TemplateEscape;
  /** IANA zone the dates are shown in; see recipientTimezone. */
  timezone: string;
}

/** Renders a template; throws TemplateError when it uses an unknown field or a refused construct. */
export function renderTemplate(template: string, data: MergeData, options: RenderOptions): string {
  const render = compiled(template, options.escape);
  return render(mergeContext(mergeFieldValues(data, options.timezone)), RUNTIME_OPTIONS);
}

/**
 * `{appointment: {start_time, …}, contact: {…}, …}` built from null-prototype objects, so there is
 * no `constructor` or `__proto__` to find even if a lookup got past the check.
 */
function mergeContext(values: Record<MergeFieldPath, string>): Record<string, Record<string, string>> {
  const root: Record<string, Record<string, string>> = Object.create(null);
  for (const [path, value] of Object.entries(values)) {
    const [group, field] = path.split('.') as [string, string];
    root[group] ??= Object.create(null);
    root[group][field] = value;
  }
  return root;
}

// Bounded: least recently used entries go first.
const CACHE_LIMIT = 500;
const compiledTemplates = new Map<string, Handlebars.TemplateDelegate>();

function compiled(template: string, escape: TemplateEscape): Handlebars.TemplateDelegate {
  const key = `${escape}\u0000${template}`;
  const hit = compiledTemplates.get(key);
  if (hit) {
    // re-insert: Map iteration order is insertion order, so the oldest-used entry comes first
    compiledTemplates.delete(key);
    compiledTemplates.set(key, hit);
    return hit;
  }
  const issues = templateIssues(template);
  if (issues.length > 0) throw new TemplateError(issues);
  const render = templateEngine.compile(template, compileOptions(escape));
  compiledTemplates.set(key, render);
  if (compiledTemplates.size > CACHE_LIMIT) {
    const oldest = compiledTemplates.keys().next().value;
    if (oldest !== undefined) compiledTemplates.delete(oldest);
  }
  return render;
}
