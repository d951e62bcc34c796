/**
 * The harness really runs Temporal: the shared dev server executes a workflow with a timer and keeps
 * its history, and the time-skipping server completes a 30-day timer without waiting 30 days.
 */
import { randomUUID } from 'node:crypto';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection, Worker } from '@temporalio/worker';
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { temporal } from '@temporalio/proto';
import type { baselineTimerThenActivity } from '../../src/workflows/baseline.workflow';
import { testTemporalAddress, testWorkflowBundlePath } from '../harness/harness-env';
import { createTimeSkippingEnv } from '../harness/time-skipping';

const EventType = temporal.api.enums.v1.EventType;
const DAY = 24 * 60 * 60 * 1000;
/** The engine's own bundle, with its bare-Temporal baseline workflow: a timer, then an activity. */
const workerOptions = (taskQueue: string) => ({
  taskQueue,
  workflowBundle: { codePath: testWorkflowBundlePath() },
  activities: { baselineActivity: async () => undefined },
});

describe('time-skipping test server', () => {
  let env: TestWorkflowEnvironment;
  beforeAll(async () => {
    env = await createTimeSkippingEnv();
  });
  afterAll(async () => {
    await env?.teardown();
  });

  test('a 30-day timer completes, and workflow time moves 30 days ahead', async () => {
    const taskQueue = `ts-${randomUUID()}`;
    const worker = await Worker.create({ connection: env.nativeConnection, ...workerOptions(taskQueue) });
    const before = Number(await env.currentTimeMs());
    const result = await worker.runUntil(
      env.client.workflow.execute<typeof baselineTimerThenActivity>('baselineTimerThenActivity', {
        args: [before + 30 * DAY],
        taskQueue,
        workflowId: `sleep-${randomUUID()}`,
      }),
    );
    expect(result.firedAt - result.startedAt).toBeGreaterThanOrEqual(30 * DAY - 1_000);
    expect(Number(await env.currentTimeMs()) - before).toBeGreaterThanOrEqual(30 * DAY);
    // wall-clock: the test did not wait for it
    expect(Date.now()).toBeLessThan(result.firedAt);
  });
});

describe('shared dev server', () => {
  let connection: Connection;
  let nativeConnection: NativeConnection;
  beforeAll(async () => {
    connection = await Connection.connect({ address: testTemporalAddress() });
    nativeConnection = await NativeConnection.connect({ address: testTemporalAddress() });
  });
  afterAll(async () => {
    await connection?.close();
    await nativeConnection?.close();
  });

  test('runs a workflow with a real timer and records it in the history', async () => {
    const client = new Client({ connection });
    const taskQueue = `dev-${randomUUID()}`;
    const workflowId = `sleep-${randomUUID()}`;
    const worker = await Worker.create({ connection: nativeConnection, ...workerOptions(taskQueue) });
    const dueAt = Date.now() + 200;
    const result = await worker.runUntil(
      client.workflow.execute<typeof baselineTimerThenActivity>('baselineTimerThenActivity', {
        args: [dueAt],
        taskQueue,
        workflowId,
      }),
    );
    expect(result.firedAt).toBeGreaterThanOrEqual(dueAt);

    const history = await client.workflow.getHandle(workflowId).fetchHistory();
    const types = (history.events ?? []).map((event) => event.eventType);
    expect(types).toEqual(
      expect.arrayContaining([
        EventType.EVENT_TYPE_TIMER_STARTED,
        EventType.EVENT_TYPE_TIMER_FIRED,
        EventType.EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED,
      ]),
    );
  });
});
