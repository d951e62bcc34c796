/**
 * How a `condition` action decides: its predicates read against what the run knows of the
 * appointment, joined by `match` (all/any), choose `then` or `else`. The outcome carries each
 * predicate's result and the value it read, which is what the timeline shows as the reason.
 *
 * Imported by workflow code: pure, type imports only (no zod), the clock passed in.
 */
import type { AppointmentStatus } from './appointment';
import type { ActionOfType } from './automation';
import type { ConditionPredicate } from './condition-predicate-schema';
import { parseOffsetMs } from './durations';

export type ConditionAction = ActionOfType<'condition'>;

/** What the run knows of its appointment itself, from its snapshot and its program. */
export interface RunFacts {
  status: AppointmentStatus;
  /** ISO instant */
  startTime: string;
  /** the start or end moved since the run started */
  rescheduled: boolean;
}

/** What the run loads through an activity, only when a predicate reads it (conditionNeedsLoadedFacts). */
export interface LoadedFacts {
  calendarId: string;
  assignedUserId: string | null;
  contactHasEmail: boolean;
  contactHasPhone: boolean;
}

export type ConditionFacts = RunFacts & Partial<LoadedFacts>;

/** A predicate as written, with its result and what it read. */
export type PredicateOutcome = ConditionPredicate & {
  result: boolean;
  /** what the predicate read: a status, an ID, an instant, whether a contact point exists (never the address) */
  actual: string | boolean | null;
};

export interface ConditionOutcome {
  branch: 'then' | 'else';
  /** the branch's target as written: "next" or an action id */
  target: string;
  predicates: PredicateOutcome[];
}

/** Whether a predicate reads something the run must load (calendar, host, contact). */
export function conditionNeedsLoadedFacts(action: ConditionAction): boolean {
  return action.if.some((predicate) => needsLoadedFacts(predicate));
}

/** Evaluates the condition at `now` (ms, workflow time). Throws when it needs facts it was not given. */
export function evaluateCondition(action: ConditionAction, facts: ConditionFacts, now: number): ConditionOutcome {
  const predicates = action.if.map((predicate) => evaluatePredicate(predicate, facts, now));
  const holds =
    action.match === 'all'
      ? predicates.every((outcome) => outcome.result)
      : predicates.some((outcome) => outcome.result);
  return holds
    ? { branch: 'then', target: action.then, predicates }
    : { branch: 'else', target: action.else, predicates };
}

function needsLoadedFacts(predicate: ConditionPredicate): boolean {
  switch (predicate.field) {
    case 'status':
    case 'rescheduled':
    case 'start':
      return false;
    case 'calendarId':
    case 'assignedUserId':
    case 'contact.email':
    case 'contact.phone':
      return true;
    default: {
      const unreachable: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(unreachable)}`);
    }
  }
}

function evaluatePredicate(predicate: ConditionPredicate, facts: ConditionFacts, now: number): PredicateOutcome {
  const outcome = (result: boolean, actual: PredicateOutcome['actual']): PredicateOutcome => ({
    ...predicate,
    result,
    actual,
  });
  switch (predicate.field) {
    case 'status':
      return outcome(predicate.in.includes(facts.status), facts.status);
    case 'rescheduled':
      return outcome(facts.rescheduled === predicate.is, facts.rescheduled);
    case 'start': {
      const start = Date.parse(facts.startTime);
      const result =
        predicate.before !== undefined
          ? start < now + parseOffsetMs(predicate.before)
          : start > now + parseOffsetMs(predicate.after as string);
      return outcome(result, new Date(start).toISOString());
    }
    case 'calendarId': {
      const calendarId = loaded(facts.calendarId, predicate.field);
      return outcome(predicate.in.includes(calendarId), calendarId);
    }
    case 'assignedUserId': {
      const userId = loaded(facts.assignedUserId, predicate.field);
      return outcome(userId !== null && predicate.in.includes(userId), userId);
    }
    case 'contact.email': {
      const exists = loaded(facts.contactHasEmail, predicate.field);
      return outcome(exists === predicate.exists, exists);
    }
    case 'contact.phone': {
      const exists = loaded(facts.contactHasPhone, predicate.field);
      return outcome(exists === predicate.exists, exists);
    }
    default: {
      const unreachable: never = predicate;
      throw new Error(`unknown predicate ${JSON.stringify(unreachable)}`);
    }
  }
}

function loaded<T>(value: T | undefined, field: string): T {
  if (value === undefined) throw new Error(`the predicate on ${field} needs the appointment's loaded facts`);
  return value;
}
