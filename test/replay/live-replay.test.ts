/** The live replay command's engine: histories fetched from a running server replay against this code. */
import { replayFromServer } from '../../src/temporal/live-replay';
import { eventually, startTestEngine, uniqueId, type TestEngine } from '../harness/engine';
import { bundleWithSourceEdit } from './replay-histories';
import { testWorkflowBundlePath } from '../harness/harness-env';
import { postBooking } from '../harness/bookings';
import { createBookingSetup, hoursFromNow } from '../harness/reference-data';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

test('replays the histories of live workflows by ID and by query, and reports none diverging', async () => {
  const setup = await createBookingSetup(t.api, {
    calendarType: 'service',
    location: { type: 'static', value: 'Room 1' },
  });
  const id = uniqueId('live');
  const start = hoursFromNow(30);
  await postBooking(t.api, setup, start, { id });
  await t.api.patch(`/v1/appointments/${id}`, { notes: 'edited' });

  const byId = await replayFromServer({
    address: t.engine.temporalAddress,
    namespace: 'default',
    workflowIds: [`appointment:${id}`],
    workflowBundle: { codePath: testWorkflowBundlePath() },
  });
  expect(byId).toEqual({ replayed: 1, diverging: [] });

  // visibility is eventually consistent: wait until the query finds it
  const byQuery = await eventually('the query to find the workflow', async () => {
    const report = await replayFromServer({
      address: t.engine.temporalAddress,
      namespace: 'default',
      query: `WorkflowId = "appointment:${id}"`,
      workflowBundle: { codePath: testWorkflowBundlePath() },
    });
    return report.replayed === 1 ? report : undefined;
  });
  expect(byQuery.diverging).toEqual([]);

  // and against code that changed the appointment's command order, it reports the divergence
  const broken = await bundleWithSourceEdit(
    'appointment.workflow.ts',
    'upsertSearchAttributes([\n    { key: AppointmentIdKey',
    '([\n    { key: AppointmentIdKey',
  );
  const diverging = await replayFromServer({
    address: t.engine.temporalAddress,
    namespace: 'default',
    workflowIds: [`appointment:${id}`],
    workflowBundle: broken,
  });
  expect(diverging.replayed).toBe(1);
  expect(diverging.diverging).toEqual([
    { workflowId: `appointment:${id}`, error: expect.stringMatching(/Nondeterminism/) },
  ]);
});
