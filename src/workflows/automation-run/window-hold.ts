/**
 * A wait with a window: once its time is up, the run goes on only inside the window, else it is
 * held until the window's next opening (domain/wait-window.ts), and its timeline says until when
 * and why. The zone is the window's own, else the calendar's (an activity reads it, so waits
 * without a window ask nothing).
 */
import { condition } from '@temporalio/workflow';
import type { ActionOfType } from '../../domain/automation';
import { nextWindowOpening, type WaitWindow } from '../../domain/wait-window';
import { loadAppointmentFacts } from './appointment-facts';
import type { RunContext } from './run-context';

type WindowedWait = ActionOfType<'wait' | 'wait_for_appointment_time'> & { window: WaitWindow };

export function hasWindow(action: ActionOfType<'wait' | 'wait_for_appointment_time'>): action is WindowedWait {
  return action.window !== undefined;
}

/**
 * Holds the run until the window is open. Answers false when `interrupted` became true first (the
 * run stopped, or the appointment moved): the step then has not ended, and the run's loop decides.
 */
export async function holdForWindow(
  run: RunContext,
  action: WindowedWait,
  interrupted: () => boolean,
): Promise<boolean> {
  const { window } = action;
  const { zone, source } = window.timezone
    ? { zone: window.timezone, source: 'window' }
    : (await loadAppointmentFacts(run)).scheduleZone;
  const now = Date.now();
  const opening = nextWindowOpening(now, window, zone);
  if (opening <= now) return true;
  run.timeline('automation.held_for_window', {
    stepId: action.id,
    until: new Date(opening).toISOString(),
    window: { days: window.days, from: window.from, to: window.to, timezone: zone },
    timezoneFrom: source,
    reason: 'the wait ended outside its window',
  });
  await run.reporter.flush(); // the hold is on the timeline while it lasts
  return !(await condition(interrupted, opening - now));
}
