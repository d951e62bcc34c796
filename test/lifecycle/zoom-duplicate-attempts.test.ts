/**
 * Two attempts of one create at once (the server gave up on the first while it still ran, as on an
 * overloaded worker): both create a meeting, and every attempt keeps the same, earliest one — the
 * other is deleted, so no meeting is left that nobody owns.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../src/activities';
import { createLogger } from '../../src/logging';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { startTestEngine, zoomEnv, type TestEngine } from '../harness/engine';
import { hostWithZoom } from '../harness/zoom-connect';

let zoom: ZoomFake;
let t: TestEngine;
beforeAll(async () => {
  zoom = await startZoomFake();
  t = await startTestEngine(zoomEnv(zoom));
});
afterAll(async () => {
  await t?.stop();
  await zoom?.close();
});

test('two concurrent attempts of one create leave one meeting, and both return it', async () => {
  const setup = await hostWithZoom(t.api, zoom);
  const { zoomUserId } = setup;
  const { config, db, client } = t.engine;
  const activities = createActivities({ config, db, client, logger: createLogger('silent') });
  const input = {
    hostUserId: setup.hostId,
    slotWorkflowId: `zoom-meeting:${setup.hostId}:2030-01-01T10:00:00.000Z`,
    topic: 'Intro',
    startTime: '2030-01-01T10:00:00.000Z',
    durationMinutes: 30,
    tag: `zoom-meeting:${setup.hostId}:2030-01-01T10:00:00.000Z#1`,
  };
  // attempt 1 and attempt 2 of the same activity, both believing they are the one creating
  type Result = Awaited<ReturnType<typeof activities.createZoomMeeting>>;
  const [first, second] = await Promise.all<Result>([
    new MockActivityEnvironment({ attempt: 1 }).run(activities.createZoomMeeting, input),
    new MockActivityEnvironment({ attempt: 1 }).run(activities.createZoomMeeting, input),
  ]);
  expect(first.ok && second.ok).toBe(true);
  const meetings = zoom.meetings(zoomUserId);
  expect(meetings).toHaveLength(1);
  expect(first).toEqual(second);
  expect(first.ok && first.meeting.joinUrl).toBe(meetings[0]!.joinUrl);
  // a later retry finds that same meeting instead of creating another
  const retry: Result = await new MockActivityEnvironment({ attempt: 3 }).run(activities.createZoomMeeting, input);
  expect(retry).toEqual(first);
  expect(zoom.meetings(zoomUserId)).toHaveLength(1);
});
