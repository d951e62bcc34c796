/** The automation run's pointer rules, without a server: waits, ifPassed policies, reschedules, lingering. */
import type { AutomationAction } from '../../../src/domain/automation';
import type { AppointmentSnapshot } from '../../../src/workflows/messages';
import {
  applyIfPassed,
  completeWait,
  lingerUntil,
  nextExecution,
  receiveSnapshot,
  rewindForReschedule,
  startProgram,
  stepAtPointer,
  timeWaitTarget,
  markTimeWaitPassed,
  jumpTo,
} from '../../../src/workflows/automation-run/run-program';

const HOUR = 3_600_000;
const START = Date.parse('2026-12-10T15:00:00Z');
const snapshot = (startMs: number, extra: Partial<AppointmentSnapshot> = {}): AppointmentSnapshot => ({
  startTime: new Date(startMs).toISOString(),
  endTime: new Date(startMs + HOUR / 2).toISOString(),
  status: 'confirmed',
  deleted: false,
  meetingPending: false,
  ...extra,
});

/** The reference recipe's shape: confirmation, then reminders 24 h and 1 h before. */
const cadence: AutomationAction[] = [
  { id: 'confirm', type: 'send_email', to: 'contact', subject: 'Booked', text: 'See you' },
  { id: 'w24', type: 'wait_for_appointment_time', offset: '-24h', ifPassed: 'next' },
  { id: 'r24', type: 'send_sms', to: 'contact', body: 'Tomorrow' },
  { id: 'w1', type: 'wait_for_appointment_time', offset: '-1h', ifPassed: 'skip_outbound_until_next_wait' },
  { id: 'r1', type: 'send_sms', to: 'contact', body: 'In an hour' },
  { id: 'end', type: 'wait', duration: '1m' },
] as AutomationAction[];
const timeWait = (index: number) => cadence[index] as Extract<AutomationAction, { type: 'wait_for_appointment_time' }>;

test('a new program starts at the first action with nothing passed', () => {
  const program = startProgram(snapshot(START));
  expect(program).toMatchObject({ pc: 0, steps: 0, skipOutbound: false, passedTimeWaits: [], rescheduled: false });
  expect(stepAtPointer(program, cadence)).toBe('confirm');
});

test('an appointment-time wait ends at the start plus its offset, following the current start', () => {
  const program = startProgram(snapshot(START));
  expect(timeWaitTarget(program, timeWait(1))).toBe(START - 24 * HOUR);
  receiveSnapshot(program, snapshot(START + 2 * HOUR));
  expect(timeWaitTarget(program, timeWait(1))).toBe(START - 22 * HOUR);
});

test('only a new start time counts as a reschedule, whatever its offset notation', () => {
  const program = startProgram(snapshot(START));
  receiveSnapshot(program, { ...snapshot(START), startTime: '2026-12-10T10:00:00-05:00', status: 'cancelled' });
  expect(program.rescheduled).toBe(false);
  expect(program.snapshot.status).toBe('cancelled');
  receiveSnapshot(program, snapshot(START + HOUR));
  expect(program.rescheduled).toBe(true);
});

test('a condition’s "rescheduled" counts a new start or a new end since the run started, and stays set', () => {
  const program = startProgram(snapshot(START));
  receiveSnapshot(program, snapshot(START, { status: 'new', meetingPending: true }));
  expect(program.rescheduledSinceStart).toBe(false);
  receiveSnapshot(program, { ...snapshot(START), endTime: new Date(START + HOUR).toISOString() });
  expect(program).toMatchObject({ rescheduledSinceStart: true, rescheduled: false }); // no wait re-arms on a new end
  receiveSnapshot(program, snapshot(START + HOUR));
  rewindForReschedule(program, cadence, START - 48 * HOUR);
  expect(program).toMatchObject({ rescheduledSinceStart: true, rescheduled: false });
});

test('a condition’s branch moves the pointer: "next" to the following action, an id to that action', () => {
  const program = startProgram(snapshot(START));
  program.pc = 2;
  jumpTo(program, cadence, 'next');
  expect(program.pc).toBe(3);
  jumpTo(program, cadence, 'w24');
  expect(program.pc).toBe(1);
  jumpTo(program, cadence, 'end');
  expect(program.pc).toBe(5);
});

describe('ifPassed policies', () => {
  test('next: goes on with the following action and marks the wait passed', () => {
    const program = startProgram(snapshot(START));
    program.pc = 1;
    applyIfPassed(program, cadence, 'next');
    expect(program).toMatchObject({ pc: 2, skipOutbound: false, passedTimeWaits: [1] });
  });

  test('skip_outbound_until_next_wait: goes on, skipping messages until a wait ends', () => {
    const program = startProgram(snapshot(START));
    program.pc = 3;
    applyIfPassed(program, cadence, 'skip_outbound_until_next_wait');
    expect(program).toMatchObject({ pc: 4, skipOutbound: true, passedTimeWaits: [3] });
    program.pc = 5;
    completeWait(program);
    expect(program).toMatchObject({ pc: 6, skipOutbound: false });
  });

  test('goto: jumps to the named step', () => {
    const program = startProgram(snapshot(START));
    program.pc = 1;
    program.skipOutbound = true;
    applyIfPassed(program, cadence, { goto: 'end' });
    expect(program).toMatchObject({ pc: 5, skipOutbound: false, passedTimeWaits: [1] });
  });

  test('a wait marked passed twice is listed once', () => {
    const program = startProgram(snapshot(START));
    markTimeWaitPassed(program, 1);
    markTimeWaitPassed(program, 1);
    expect(program.passedTimeWaits).toEqual([1]);
  });
});

describe('reschedule', () => {
  test('moved later: the pointer goes back to the earliest passed reminder that is ahead again', () => {
    const program = startProgram(snapshot(START));
    markTimeWaitPassed(program, 1);
    markTimeWaitPassed(program, 3);
    program.pc = 5;
    program.skipOutbound = true;
    const now = START - 2 * HOUR; // the 24 h reminder went out a day ago, the 1 h one not yet
    receiveSnapshot(program, snapshot(START + 7 * 24 * HOUR));
    expect(rewindForReschedule(program, cadence, now)).toEqual({ from: 5, to: 1 });
    expect(program).toMatchObject({ pc: 1, skipOutbound: false, passedTimeWaits: [], rescheduled: false });
  });

  test('moved by an hour: only the reminder whose time is ahead again comes back', () => {
    const program = startProgram(snapshot(START));
    markTimeWaitPassed(program, 1);
    program.pc = 3; // waiting for the 1 h reminder
    const now = START - 3 * HOUR;
    receiveSnapshot(program, snapshot(START + HOUR));
    // the 24 h point (START - 23h) is still behind: the pointer stays, the pending wait re-arms
    expect(rewindForReschedule(program, cadence, now)).toBeNull();
    expect(program).toMatchObject({ pc: 3, passedTimeWaits: [1], rescheduled: false });
  });

  test('moved earlier: nothing comes back', () => {
    const program = startProgram(snapshot(START));
    markTimeWaitPassed(program, 1);
    program.pc = 3;
    receiveSnapshot(program, snapshot(START - 12 * HOUR));
    expect(rewindForReschedule(program, cadence, START - 20 * HOUR)).toBeNull();
    expect(program.pc).toBe(3);
  });
});

describe('lingering after the last action', () => {
  test('a run with appointment-time waits stays until the appointment has started', () => {
    const program = startProgram(snapshot(START));
    expect(lingerUntil(program, cadence, START - HOUR)).toBe(START);
    expect(lingerUntil(program, cadence, START)).toBeNull();
  });

  test('until the latest of its waits when one lies after the start', () => {
    const after: AutomationAction[] = [
      { id: 'follow', type: 'wait_for_appointment_time', offset: '+2h', ifPassed: 'next' },
    ] as AutomationAction[];
    expect(lingerUntil(startProgram(snapshot(START)), after, START)).toBe(START + 2 * HOUR);
  });

  test('a run without appointment-time waits ends at once', () => {
    const plain = [{ id: 'w', type: 'wait', duration: '1h' }] as AutomationAction[];
    expect(lingerUntil(startProgram(snapshot(START)), plain, START - 10 * HOUR)).toBeNull();
  });
});

test('each execution of a step gets the next number (part of its message dedup key)', () => {
  const program = startProgram(snapshot(START));
  expect([nextExecution(program, 'r1'), nextExecution(program, 'r1'), nextExecution(program, 'r24')]).toEqual([
    1, 2, 1,
  ]);
});

test('a finished run names the step at its pointer, the last one when past the end', () => {
  const program = startProgram(snapshot(START));
  program.pc = 99;
  expect(stepAtPointer(program, cadence)).toBe('end');
  expect(stepAtPointer(program, [])).toBeNull();
});
