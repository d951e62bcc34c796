/**
 * Replay safety: every recorded history (test/replay/histories, from real runs: `npm run
 * replay:record`) replays against the current workflow code. A change of command order in a
 * workflow with running executions must be guarded with patched(), or this fails, naming the
 * fixture and the first diverging event.
 */
import { temporal } from '@temporalio/proto';
import { testWorkflowBundlePath } from '../harness/harness-env';
import { PATCHES } from '../../src/workflows/patches';
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
    'wait-window',
    'condition-branches',
    'self-service-cancel',
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
    'setHandler(appointmentChangedSignal,',
    'await condition(() => false, 1000); setHandler(appointmentChangedSignal,',
  );
  const failures = await replayFixtures(
    broken,
    loadFixtures((name) => name.endsWith('--automation-run.json')),
  );
  expect(failures.map((failure) => failure.fixture).sort()).toEqual([
    'before-run-status-search-attribute--automation-run.json',
    'condition-branches--automation-run.json',
    'if-passed-goto--automation-run.json',
    'if-passed-next--automation-run.json',
    'if-passed-skip--automation-run.json',
    'reminder-cadence--automation-run.json',
    'wait-window--automation-run.json',
  ]);
  // the report names the event of the history where the code now starts a timer first
  for (const failure of failures) expect(failure.error).toMatch(/Nondeterminism error: .*HistoryEvent\(id: \d+, \w+\)/);
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

test('each registered patch has a history from before it and one from after it, and both replay', async () => {
  const fixtures = loadFixtures();
  const named = (name: string) => fixtures.find((fixture) => fixture.name === name);
  const beforeFixtures = fixtures
    .filter((fixture) => fixture.name.startsWith('before-'))
    .map((fixture) => fixture.name);
  expect(beforeFixtures.sort()).toEqual(PATCHES.map((p) => p.beforeFixture).sort());
  for (const { id, beforeFixture } of PATCHES) {
    const before = named(beforeFixture);
    expect({ id, beforeFixture, recorded: before !== undefined }).toEqual({ id, beforeFixture, recorded: true });
    expect(patchIds(before!)).not.toContain(id);
    const kind = beforeFixture.slice(beforeFixture.lastIndexOf('--'));
    const after = fixtures.filter(
      (fixture) => !fixture.name.startsWith('before-') && fixture.name.endsWith(kind) && patchIds(fixture).includes(id),
    );
    expect({ id, recordedAfter: after.length > 0 }).toEqual({ id, recordedAfter: true });
  }
  // replaying all of them (the test above) is what proves the old paths still hold
  expect(
    await replayFixtures(
      { codePath: testWorkflowBundlePath() },
      PATCHES.map((p) => named(p.beforeFixture)!),
    ),
  ).toEqual([]);
});

test('every patch a recorded history carries is registered in src/workflows/patches.ts', () => {
  const registered = new Set(PATCHES.map((p) => p.id));
  const unregistered = loadFixtures().flatMap((fixture) =>
    patchIds(fixture)
      .filter((id) => !registered.has(id))
      .map((id) => `${fixture.name}: ${id}`),
  );
  expect(unregistered).toEqual([]);
});
