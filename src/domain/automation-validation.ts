/**
 * Publish-time validation of an automation definition: everything wrong with it, at once, each
 * problem with the path of the value to fix (`actions[2].body`, `trigger.filters.statuses[0]`).
 *
 * Beyond the shape (automation.ts) it checks what needs the whole definition: action ids are
 * unique, templates parse and use only known merge fields, every jump (an `ifPassed` goto, a
 * condition's `then`/`else`) names an action, and no loop of jumps can spin without a `wait`. The
 * rules run on the raw input too, so a definition with a shape error still gets its template and
 * jump problems reported in the same answer.
 *
 * Templates are checked by templates/template-check.ts, the same check that runs before a template
 * is compiled: a pure, config-free helper over Handlebars. Not imported by workflows (Handlebars).
 */
import type { z } from 'zod';
import { templateIssues } from '../templates/template-check';
import { ACTION_ID_PATTERN, automationInputSchema, type AutomationInput } from './automation';
import { formatIssuePath } from './issue-path';

export interface ValidationIssue {
  path: string;
  message: string;
}

export type AutomationValidation = { ok: true; value: AutomationInput } | { ok: false; issues: ValidationIssue[] };

/** Template fields of each action type, checked with the template checker. */
const TEMPLATE_FIELDS: Readonly<Record<string, readonly string[]>> = {
  send_email: ['subject', 'html', 'text'],
  send_sms: ['body'],
  internal_notification: ['subject', 'body'],
};

export function validateAutomation(input: unknown): AutomationValidation {
  const parsed = automationInputSchema.safeParse(input);
  const issues: ValidationIssue[] = parsed.success ? [] : parsed.error.issues.flatMap(fromZodIssue);
  const actions = rawActions(input);
  issues.push(...duplicateIdIssues(actions), ...templateFieldIssues(actions), ...jumpIssues(actions));
  if (issues.length > 0 || !parsed.success) return { ok: false, issues };
  return { ok: true, value: parsed.data };
}

/** Keys that only some action types take, with what to say when another type has them. */
const KEYS_OF_ONE_TYPE: Readonly<Record<string, string>> = {
  attachCalendarInvite: 'only a send_email step attaches a calendar invite',
};

function fromZodIssue(issue: z.core.$ZodIssue): ValidationIssue[] {
  if (issue.code === 'unrecognized_keys') {
    // a key of another action type is named with its own path and why it does not belong here
    const misplaced = issue.keys.filter((key) => KEYS_OF_ONE_TYPE[key] !== undefined);
    const unknown = issue.keys.filter((key) => KEYS_OF_ONE_TYPE[key] === undefined);
    const named = misplaced.map((key) => ({
      path: formatIssuePath([...issue.path, key]),
      message: KEYS_OF_ONE_TYPE[key] as string,
    }));
    if (unknown.length === 0) return named;
    if (misplaced.length > 0) {
      const message = `Unrecognized key${unknown.length > 1 ? 's' : ''}: ${unknown.map((key) => `"${key}"`).join(', ')}`;
      return [...named, { path: formatIssuePath(issue.path), message }];
    }
  }
  return [{ path: formatIssuePath(issue.path), message: issue.message }];
}

/** What the cross-action rules need of an action, read defensively from unvalidated input. */
interface RawAction {
  index: number;
  id: string | undefined;
  type: string | undefined;
  fields: Record<string, unknown>;
  /** the action ids it may jump to, with where each is written; "next" of a condition is no jump */
  jumps: Jump[];
}

interface Jump {
  /** `ifPassed.goto`, `then` or `else` */
  field: string;
  target: string;
}

function rawActions(input: unknown): RawAction[] {
  if (!isRecord(input) || !Array.isArray(input.actions)) return [];
  return input.actions.map((raw: unknown, index): RawAction => {
    const fields = isRecord(raw) ? raw : {};
    return {
      index,
      id: typeof fields.id === 'string' ? fields.id : undefined,
      type: typeof fields.type === 'string' ? fields.type : undefined,
      fields,
      jumps: jumpsOf(fields),
    };
  });
}

function jumpsOf(fields: Record<string, unknown>): Jump[] {
  if (fields.type === 'wait_for_appointment_time') {
    const ifPassed = fields.ifPassed;
    return isRecord(ifPassed) && typeof ifPassed.goto === 'string'
      ? [{ field: 'ifPassed.goto', target: ifPassed.goto }]
      : [];
  }
  if (fields.type === 'condition') {
    return (['then', 'else'] as const).flatMap((field) => {
      const target = fields[field];
      // a malformed target is the shape's to report; an unknown well-formed one is ours
      return typeof target === 'string' && target !== NEXT && ACTION_ID_PATTERN.test(target) ? [{ field, target }] : [];
    });
  }
  return [];
}

/** A condition's branch that goes on with the following action. */
const NEXT = 'next';

function duplicateIdIssues(actions: RawAction[]): ValidationIssue[] {
  const firstIndex = new Map<string, number>();
  const issues: ValidationIssue[] = [];
  for (const action of actions) {
    if (action.id === undefined) continue;
    const first = firstIndex.get(action.id);
    if (first === undefined) firstIndex.set(action.id, action.index);
    else
      issues.push({
        path: `actions[${action.index}].id`,
        message: `duplicate action id "${action.id}" (already used by actions[${first}])`,
      });
  }
  return issues;
}

function templateFieldIssues(actions: RawAction[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const action of actions) {
    for (const field of TEMPLATE_FIELDS[action.type ?? ''] ?? []) {
      const template = action.fields[field];
      if (typeof template !== 'string') continue; // shape errors are zod's to report
      for (const { message } of templateIssues(template)) {
        issues.push({ path: `actions[${action.index}].${field}`, message });
      }
    }
  }
  return issues;
}

/**
 * Unknown jump targets, jumps to their own step, and loops without a `wait`.
 *
 * `ifPassed: {goto}` fires only when the step's appointment time has already passed, and it
 * stays passed: going back, every step of the loop runs again with the time still passed, so
 * the same goto fires again. A condition may well decide the same way again too. Only a fixed
 * `wait` puts time between two rounds. Another `wait_for_appointment_time` in the loop does not:
 * it may wait on the first round, but on the next its own time has passed too and it falls
 * through. So a jump back closes a bad loop when its target can reach the jumping step again
 * without passing through a `wait` (following every way on: the fall-through to the next step,
 * every goto, both branches of every condition, since any may be taken). Every loop has a jump
 * back, as all other moves go forward, so checking those finds every loop.
 */
function jumpIssues(actions: RawAction[]): ValidationIssue[] {
  const indexById = new Map<string, number>();
  for (const action of actions) {
    if (action.id !== undefined && !indexById.has(action.id)) indexById.set(action.id, action.index);
  }
  const issues: ValidationIssue[] = [];
  for (const action of actions) {
    for (const { field, target: targetId } of action.jumps) {
      const path = `actions[${action.index}].${field}`;
      const what = field === 'ifPassed.goto' ? 'goto' : `"${field}"`;
      const target = indexById.get(targetId);
      if (target === undefined) {
        const alternative = field === 'ifPassed.goto' ? '' : ' or "next"';
        issues.push({
          path,
          message: `unknown action id "${targetId}": ${what} must name an action of this automation${alternative}`,
        });
      } else if (target === action.index) {
        issues.push({ path, message: `${what} "${targetId}" names its own step, which would repeat it forever` });
      } else if (target < action.index && reachableWithoutWait(actions, indexById, target, action.index)) {
        issues.push({
          path,
          message: `${what} "${targetId}" makes a loop (actions[${target}]…actions[${action.index}]) with no wait step; add a "wait" inside the loop`,
        });
      }
    }
  }
  return issues;
}

function reachableWithoutWait(actions: RawAction[], indexById: Map<string, number>, from: number, to: number): boolean {
  const seen = new Set<number>();
  const pending = [from];
  while (pending.length > 0) {
    const index = pending.pop() as number;
    if (index === to) return true;
    if (seen.has(index) || index >= actions.length) continue;
    seen.add(index);
    const action = actions[index] as RawAction;
    if (action.type === 'wait') continue; // time passes here: the loop is bounded
    pending.push(...successorsOf(action, indexById));
  }
  return false;
}

/** Where the run may go after an action: the next one, and every target it may jump to. */
function successorsOf(action: RawAction, indexById: Map<string, number>): number[] {
  const targets = action.jumps.flatMap(({ target }) => {
    const index = indexById.get(target);
    return index === undefined ? [] : [index];
  });
  // A condition goes on with the next action only through a branch that says "next".
  const fallsThrough = action.type !== 'condition' || action.fields.then === NEXT || action.fields.else === NEXT;
  return fallsThrough ? [action.index + 1, ...targets] : targets;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
