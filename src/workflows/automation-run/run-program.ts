/**
 * The automation run's program: where it is in the user's action list and how waits, `ifPassed`
 * policies and reschedules move that pointer. Pure: the workflow feeds it the clock (`now`, in
 * workflow time) and the appointment's snapshots; unit tests do the same without a server.
 */
import type { AutomationAction, IfPassedPolicy } from '../../domain/automation';
import { parseOffsetMs } from '../../domain/durations';
import type { AppointmentSnapshot } from '../messages';

type TimeWait = Extract<AutomationAction, { type: 'wait_for_appointment_time' }>;

export interface RunProgram {
  /** index of the next action */
  pc: number;
  /** actions executed so far, against the run's step budget */
  steps: number;
  /** set by an `ifPassed: skip_outbound_until_next_wait` policy; cleared by the next wait */
  skipOutbound: boolean;
  /** executions so far per action id: part of each message's dedup key */
  executions: Record<string, number>;
  /** appointment-time waits already behind us (fired or passed), by action index */
  passedTimeWaits: number[];
  /** what the run knows of its appointment */
  snapshot: AppointmentSnapshot;
  /** the start time changed since the pointer last looked at it */
  rescheduled: boolean;
  /**
   * the start or end time changed since the run started (a condition's `rescheduled`); absent in
   * programs carried over from before conditions existed, whose runs have no condition to read it
   */
  rescheduledSinceStart?: boolean;
}

export function startProgram(snapshot: AppointmentSnapshot): RunProgram {
  return {
    pc: 0,
    steps: 0,
    skipOutbound: false,
    executions: {},
    passedTimeWaits: [],
    snapshot,
    rescheduled: false,
    rescheduledSinceStart: false,
  };
}

/** The appointment told us what it looks like now. */
export function receiveSnapshot(program: RunProgram, snapshot: AppointmentSnapshot): void {
  const startMoved = Date.parse(snapshot.startTime) !== Date.parse(program.snapshot.startTime);
  if (startMoved) program.rescheduled = true;
  if (startMoved || Date.parse(snapshot.endTime) !== Date.parse(program.snapshot.endTime)) {
    program.rescheduledSinceStart = true;
  }
  program.snapshot = snapshot;
}

/** When an appointment-time wait ends, for the appointment's current start. */
export function timeWaitTarget(program: RunProgram, action: TimeWait): number {
  return Date.parse(program.snapshot.startTime) + parseOffsetMs(action.offset);
}

/** A wait ran to its end: the next action comes, and outbound messages go out again. */
export function completeWait(program: RunProgram): void {
  program.skipOutbound = false;
  program.pc += 1;
}

export function markTimeWaitPassed(program: RunProgram, index: number): void {
  if (!program.passedTimeWaits.includes(index)) program.passedTimeWaits.push(index);
}

/** The appointment-time wait at the pointer found its point behind us: its policy moves the pointer. */
export function applyIfPassed(program: RunProgram, actions: readonly AutomationAction[], policy: IfPassedPolicy): void {
  markTimeWaitPassed(program, program.pc);
  if (policy === 'next') {
    completeWait(program);
  } else if (policy === 'skip_outbound_until_next_wait') {
    program.skipOutbound = true;
    program.pc += 1;
  } else {
    program.skipOutbound = false;
    program.pc = actions.findIndex((action) => action.id === policy.goto);
  }
}

/** A condition chose its branch: "next" goes on with the following action, an action id jumps there. */
export function jumpTo(program: RunProgram, actions: readonly AutomationAction[], target: string): void {
  program.pc = target === 'next' ? program.pc + 1 : actions.findIndex((action) => action.id === target);
}

/** How a policy reads on the timeline. */
export function ifPassedLabel(policy: IfPassedPolicy): string {
  return typeof policy === 'string' ? policy : `goto:${policy.goto}`;
}

/**
 * After a reschedule: the pointer goes back to the earliest appointment-time wait behind us that is
 * ahead again, so the new time gets its reminders. Answers the move, or null when it stays.
 */
export function rewindForReschedule(
  program: RunProgram,
  actions: readonly AutomationAction[],
  now: number,
): { from: number; to: number } | null {
  program.rescheduled = false;
  const ahead = program.passedTimeWaits
    .filter((index) => {
      const action = actions[index];
      return action?.type === 'wait_for_appointment_time' && timeWaitTarget(program, action) > now;
    })
    .sort((a, b) => a - b);
  const first = ahead[0];
  if (first === undefined || first >= program.pc) return null;
  const from = program.pc;
  program.pc = first;
  program.skipOutbound = false;
  program.passedTimeWaits = program.passedTimeWaits.filter((index) => index < first);
  return { from, to: first };
}

/**
 * Once the actions are done, a run with appointment-time waits stays until the appointment has
 * started (and its last such wait is behind), so a late reschedule can still bring reminders back.
 * Answers until when, or null when the run can end now.
 */
export function lingerUntil(program: RunProgram, actions: readonly AutomationAction[], now: number): number | null {
  const targets = actions.flatMap((action) =>
    action.type === 'wait_for_appointment_time' ? [timeWaitTarget(program, action)] : [],
  );
  if (targets.length === 0) return null;
  const until = Math.max(Date.parse(program.snapshot.startTime), ...targets);
  return now < until ? until : null;
}

/** Counts one more execution of an action: the message's dedup key carries it. */
export function nextExecution(program: RunProgram, actionId: string): number {
  const execution = (program.executions[actionId] ?? 0) + 1;
  program.executions[actionId] = execution;
  return execution;
}

/** The step a finished run names: the one it stopped at (null once completed). */
export function stepAtPointer(program: RunProgram, actions: readonly AutomationAction[]): string | null {
  return actions[Math.min(program.pc, actions.length - 1)]?.id ?? null;
}
