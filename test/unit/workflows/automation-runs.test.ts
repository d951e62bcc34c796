/** The appointment's side of its automation runs, without a server. */
import type { MatchedAutomation } from '../../../src/activities/appointment-activity-types';
import { createdAppointment } from './appointment-fixture';
import { snapshotOf } from '../../../src/workflows/appointment/appointment-view';
import {
  applyRunReport,
  recordRunStarted,
  runStoppedListening,
  runsToUpdate,
} from '../../../src/workflows/appointment/automation-runs';

const NOW = Date.parse('2026-12-01T09:00:00Z');
const match: MatchedAutomation = {
  automationId: 'au1',
  version: 3,
  actions: [{ id: 'confirm', type: 'send_sms', to: 'contact', body: 'Booked' }] as MatchedAutomation['actions'],
};
function withRun(startedKnown = true) {
  const state = createdAppointment({
    assignedUserId: null,
    calendarName: 'C',
    location: { type: 'static', value: 'Room' },
  });
  recordRunStarted(
    state,
    {
      runWorkflowId: 'run1',
      match,
      status: 'confirmed',
      source: 'contact',
      startedWith: startedKnown ? snapshotOf(state) : null,
    },
    NOW,
  );
  return state;
}

test('a started run is recorded as running at its first step, and the timeline says what triggered it', () => {
  const state = withRun();
  expect(state.runs.run1).toMatchObject({
    status: 'running',
    currentStep: 'confirm',
    automationVersion: 3,
    active: true,
  });
  expect(state.timeline.at(-1)).toMatchObject({
    type: 'automation.triggered',
    automationId: 'au1',
    runId: 'run1',
    trigger: 'appointment_status',
    status: 'confirmed',
    source: 'contact',
  });
});

test('a run is sent a snapshot only when it lacks it', () => {
  const state = withRun();
  expect(runsToUpdate(state, snapshotOf(state))).toEqual([]);
  state.record!.status = 'cancelled';
  expect(runsToUpdate(state, snapshotOf(state))).toEqual(['run1']);
  expect(runsToUpdate(state, snapshotOf(state))).toEqual([]);
});

test('a run found started before (snapshot unknown) is sent the next snapshot whatever it is', () => {
  const state = withRun(false);
  expect(runsToUpdate(state, snapshotOf(state))).toEqual(['run1']);
});

test("a run's report moves its status and step and brings its timeline entries", () => {
  const state = withRun();
  const entry = { at: '2026-12-01T09:01:00.000Z', type: 'message.sent', runId: 'run1' };
  applyRunReport(state, { runWorkflowId: 'run1', status: 'completed', currentStep: null, timeline: [entry] });
  expect(state.runs.run1).toMatchObject({ status: 'completed', currentStep: null, active: false });
  expect(state.timeline.at(-1)).toEqual(entry);
  state.record!.status = 'cancelled';
  expect(runsToUpdate(state, snapshotOf(state))).toEqual([]);
});

test('reports of unknown runs are ignored; a run that stopped listening gets no more snapshots', () => {
  const state = withRun();
  applyRunReport(state, { runWorkflowId: 'nope', status: 'failed', currentStep: null });
  expect(Object.keys(state.runs)).toEqual(['run1']);
  runStoppedListening(state, 'run1');
  state.record!.status = 'showed';
  expect(runsToUpdate(state, snapshotOf(state))).toEqual([]);
});
