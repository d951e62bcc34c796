/**
 * The run's `condition` step: evaluates its predicates (domain/condition-evaluation.ts) on what the
 * run knows, loading the host, calendar and contact facts only when a predicate reads them, and
 * moves the pointer to the chosen branch. The timeline records the branch and each predicate's outcome.
 */
import { conditionNeedsLoadedFacts, evaluateCondition, type ConditionAction } from '../../domain/condition-evaluation';
import { loadAppointmentFacts } from './appointment-facts';
import type { RunContext } from './run-context';
import { jumpTo } from './run-program';

export async function runCondition(run: RunContext, action: ConditionAction): Promise<void> {
  const { program } = run;
  const loaded = conditionNeedsLoadedFacts(action) ? await loadAppointmentFacts(run) : undefined;
  const outcome = evaluateCondition(
    action,
    {
      status: program.snapshot.status,
      startTime: program.snapshot.startTime,
      rescheduled: program.rescheduledSinceStart ?? false,
      ...(loaded
        ? {
            calendarId: loaded.calendarId,
            assignedUserId: loaded.assignedUserId,
            contactHasEmail: loaded.contactHasEmail,
            contactHasPhone: loaded.contactHasPhone,
          }
        : {}),
    },
    Date.now(),
  );
  run.timeline('automation.condition', {
    stepId: action.id,
    branch: outcome.branch,
    to: outcome.target,
    match: action.match,
    predicates: outcome.predicates,
  });
  jumpTo(program, run.input.actions, outcome.target);
}
