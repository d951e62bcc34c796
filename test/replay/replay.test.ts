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
  for (const kind of ['appointment', 'zoom-meeting', 'automation-run']) expect(names.some((name) => name.endsWith(`--${kind}.json`))).toBe(true);
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
  // A scratch bundle in which the automation run waits a second before reporting that it started.
  const broken = await bundleWithSourceEdit(
    'automation-run.workflow.ts',
    "if (!input.state) await report({ kind: 'progress'",
    "await condition(() => false, 1000); if (!input.state) await report({ kind: 'progress'",
  );
  const failures = await replayFixtures(broken, loadFixtures((name) => name.endsWith('--automation-run.json')));
  expect(failures.map((failure) => failure.fixture).sort()).toEqual(
    [
      'before-run-skips-repeated-reports--automation-run.json',
      'if-passed-goto--automation-run.json',
      'if-passed-next--automation-run.json',
      'if-passed-skip--automation-run.json',
      'reminder-cadence--automation-run.json',
    ],
  );
  // the report says what diverged: the history has a signal where the code now starts a timer
  for (const failure of failures) expect(failure.error).toMatch(/Nondeterminism error: .*HistoryEvent\(id: \d+, SignalExternalWorkflowExecutionInitiated\)/);
}, 120_000);

/** The IDs of the patches a history recorded (core_patch markers). */
function patchIds(fixture: ReturnType<typeof loadFixtures>[number]): string[] {
  return (fixture.history.events ?? [])
    .filter((event) => event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED)
    .flatMap((event) => event.markerRecordedEventAttributes?.details?.['patch-data']?.payloads ?? [])
    .map((payload) => (JSON.parse(Buffer.from(payload.data ?? new Uint8Array()).toString('utf8')) as { id: string }).id);
}

test('changes guarded with patched() replay both their old and their new histories', async () => {
  // meetingSlot gained search attributes behind patched('slot-search-attributes'), then kept the
  // meeting as created behind patched('slot-meeting-as-created')
  const [beforeAttributes] = loadFixtures((name) => name === 'before-slot-search-attributes--zoom-meeting.json');
  const [beforeAsCreated] = loadFixtures((name) => name === 'before-slot-meeting-as-created--zoom-meeting.json');
  const [after] = loadFixtures((name) => name === 'booking-with-zoom--zoom-meeting.json');
  expect(patchIds(beforeAttributes!)).toEqual([]);
  expect(patchIds(beforeAsCreated!)).toEqual(['slot-search-attributes']);
  expect(patchIds(after!)).toEqual(['slot-search-attributes', 'slot-meeting-as-created']);
  expect(await replayFixtures({ codePath: testWorkflowBundlePath() }, [beforeAttributes!, beforeAsCreated!, after!])).toEqual([]);
});

test('the automation run and the appointment replay from before and after their patches', async () => {
  const fixture = (name: string) => loadFixtures((file) => file === name)[0]!;
  const cases = [
    { before: 'before-run-skips-repeated-reports--automation-run.json', after: 'reminder-cadence--automation-run.json', patch: 'run-skips-repeated-reports' },
    { before: 'before-appointment-sends-changed-snapshots--appointment.json', after: 'reminder-cadence--appointment.json', patch: 'appointment-sends-changed-snapshots' },
  ];
  for (const { before, after, patch } of cases) {
    expect(patchIds(fixture(before))).not.toContain(patch);
    expect(patchIds(fixture(after))).toContain(patch);
  }
  // the same scenario, recorded before and after: the patched code sends fewer signals
  const signals = (name: string) => (fixture(name).history.events ?? []).filter((e) => e.eventType === EventType.EVENT_TYPE_SIGNAL_EXTERNAL_WORKFLOW_EXECUTION_INITIATED).length;
  for (const { before, after } of cases) expect(signals(after)).toBeLessThan(signals(before));
  expect(await replayFixtures({ codePath: testWorkflowBundlePath() }, cases.flatMap(({ before, after }) => [fixture(before), fixture(after)]))).toEqual([]);
});
