/**
 * Replay safety: every recorded history (test/replay/histories, from real runs: `npm run
 * replay:record`) replays against the current workflow code. A change of command order in a
 * workflow with running executions must be guarded with patched(), or this fails, naming the
 * fixture and the first diverging event.
 */
import { temporal } from '@temporalio/proto';
import { testWorkflowBundlePath } from '../harness/harness-env';
import { bundleWithSourceEdit, loadFixtures, replayFixtures } from './replay-histories';

const EventType = temporal.api.enums.v1.EventType;

test('the fixtures cover every workflow type and the scenarios the product depends on', () => {
  const names = loadFixtures().map((fixture) => fixture.name);
  for (const scenario of [
    'booking-with-zoom',
    'edit-same-time',
    'reschedule-free-slot',
    'reschedule-occupied-slot',
    'cancel-shared-slot',
    'reminder-cadence',
    'if-passed-next',
    'if-passed-skip',
    'if-passed-goto',
    'continue-as-new',
  ]) {
    expect(names.some((name) => name.startsWith(`${scenario}--`))).toBe(true);
  }
  for (const kind of ['appointment', 'zoom-meeting', 'automation-run'])
    expect(names.some((name) => name.endsWith(`--${kind}.json`))).toBe(true);
  const continued = loadFixtures((name) => name.startsWith('continue-as-new--'))[0]!;
  const last = continued.history.events?.at(-1);
  expect(last?.eventType).toBe(EventType.EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW);
});

test('every recorded history replays against the current workflow code', async () => {
  const fixtures = loadFixtures();
  const failures = await replayFixtures({ codePath: testWorkflowBundlePath() }, fixtures);
  expect(failures).toEqual([]);
}, 120_000);

test('a change of command order makes replay fail, naming the fixture and the diverging event', async () => {
  // A scratch bundle in which the automation run waits a second before anything else it does.
  const broken = await bundleWithSourceEdit(
    'automation-run.workflow.ts',
    'if (!input.state) {',
    'await condition(() => false, 1000); if (!input.state) {',
  );
  const failures = await replayFixtures(
    broken,
    loadFixtures((name) => name.endsWith('--automation-run.json')),
  );
  expect(failures.map((failure) => failure.fixture).sort()).toEqual([
    'before-run-batches-timeline--automation-run.json',
    'before-run-skips-repeated-reports--automation-run.json',
    'if-passed-goto--automation-run.json',
    'if-passed-next--automation-run.json',
    'if-passed-skip--automation-run.json',
    'reminder-cadence--automation-run.json',
  ]);
  // the report names the event of the history where the code now starts a timer first
  for (const failure of failures) expect(failure.error).toMatch(/Nondeterminism error: .*HistoryEvent\(id: \d+, \w+\)/);
  // in a history of a run that reported its own start, that is this first report
  const beforeRunStart = failures.find(
    (failure) => failure.fixture === 'before-run-skips-repeated-reports--automation-run.json',
  );
  expect(beforeRunStart?.error).toMatch(/HistoryEvent\(id: \d+, SignalExternalWorkflowExecutionInitiated\)/);
}, 120_000);

/** The IDs of the patches a history recorded (core_patch markers). */
function patchIds(fixture: ReturnType<typeof loadFixtures>[number]): string[] {
  return (fixture.history.events ?? [])
    .filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
    .flatMap((event) => event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? [])
    .map(
      (payload) => (JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as { id: string }).id,
    );
}

/** Every `patched()` change of the workflows, with the fixtures recorded before it. */
const PATCHES = [
  { patch: 'slot-search-attributes', before: 'before-slot-search-attributes--zoom-meeting.json' },
  { patch: 'slot-meeting-as-created', before: 'before-slot-meeting-as-created--zoom-meeting.json' },
  { patch: 'slot-meeting-as-updated', before: 'before-slot-meeting-as-updated--zoom-meeting.json' },
  { patch: 'run-skips-repeated-reports', before: 'before-run-skips-repeated-reports--automation-run.json' },
  {
    patch: 'appointment-sends-changed-snapshots',
    before: 'before-appointment-sends-changed-snapshots--appointment.json',
  },
  { patch: 'appointment-local-trigger-match', before: 'before-appointment-local-trigger-match--appointment.json' },
  { patch: 'appointment-records-run-start', before: 'before-appointment-records-run-start--appointment.json' },
  { patch: 'run-batches-timeline', before: 'before-run-batches-timeline--automation-run.json' },
  { patch: 'appointment-marks-slot-left-first', before: 'before-appointment-marks-slot-left-first--appointment.json' },
];

test('each patched() change has a history from before it and one from after it, and both replay', async () => {
  const fixtures = loadFixtures();
  const named = (name: string) => fixtures.find((fixture) => fixture.name === name)!;
  expect(
    fixtures
      .filter((fixture) => fixture.name.startsWith('before-'))
      .map((fixture) => fixture.name)
      .sort(),
  ).toEqual(PATCHES.map((p) => p.before).sort());
  for (const { patch, before } of PATCHES) {
    expect(patchIds(named(before))).not.toContain(patch);
    const kind = before.slice(before.lastIndexOf('--'));
    const after = fixtures.filter(
      (fixture) =>
        !fixture.name.startsWith('before-') && fixture.name.endsWith(kind) && patchIds(fixture).includes(patch),
    );
    expect({ patch, recordedAfter: after.length > 0 }).toEqual({ patch, recordedAfter: true });
  }
  // replaying all of them (the test above) is what proves the old paths still hold
  expect(
    await replayFixtures(
      { codePath: testWorkflowBundlePath() },
      PATCHES.map((p) => named(p.before)),
    ),
  ).toEqual([]);
});

test('the savings show in the histories: the same scenario takes fewer signals, activity tasks and workflow tasks after its patches', () => {
  const named = (name: string) => loadFixtures((file) => file === name)[0]!;
  const count = (name: string, type: number) =>
    (named(name).history.events ?? []).filter((event) => event.eventType === type).length;
  const signalsSent = (name: string) => count(name, EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED);
  const signalsReceived = (name: string) => count(name, EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED);
  const workflowTasks = (name: string) => count(name, EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED);
  const activityTasks = (name: string) => count(name, EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED);

  expect(signalsSent('before-run-batches-timeline--automation-run.json')).toBeLessThan(
    signalsSent('before-run-skips-repeated-reports--automation-run.json'),
  );
  // a message's timeline entry travels with the next progress report
  expect(signalsSent('reminder-cadence--automation-run.json')).toBeLessThan(
    signalsSent('before-run-batches-timeline--automation-run.json'),
  );
  expect(signalsSent('reminder-cadence--appointment.json')).toBeLessThan(
    signalsSent('before-appointment-sends-changed-snapshots--appointment.json'),
  );
  // the trigger matching runs inside the workflow task that asks for it; joining the slot stays an activity
  expect(activityTasks('before-appointment-local-trigger-match--appointment.json')).toBe(2);
  expect(activityTasks('booking-with-zoom--appointment.json')).toBe(1);
  expect(workflowTasks('booking-with-zoom--appointment.json')).toBeLessThan(
    workflowTasks('before-appointment-local-trigger-match--appointment.json'),
  );
  // a run started as recorded does not report its first step, and batches its timeline: fewer signals at the appointment
  expect(signalsReceived('reminder-cadence--appointment.json')).toBeLessThan(
    signalsReceived('before-appointment-records-run-start--appointment.json'),
  );
});
