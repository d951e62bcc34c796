/**
 * Two attempts of one create at once (the server gave up on the first while it still ran, as on an
 * overloaded worker): both create a meeting, and every attempt keeps the same, earliest one — the
 * other is deleted, so no meeting is left that nobody owns.
 */
import { MockActivityEnvironment } from '@temporalio/testing';
import { createActivities } from '../../src/activities';
import { createZoomClients } from '../../src/integrations/zoom/zoom-clients';
import { createRepositories } from '../../src/store/repositories';
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

async function createSetup() {
  const setup = await hostWithZoom(t.api, zoom);
  const { config, db, client } = t.engine;
  const repositories = createRepositories(db, config.encryptionKey);
  const activities = createActivities({ config, client, repositories, zoom: createZoomClients(config.zoom) });
  const input = {
    hostUserId: setup.hostId,
    slotWorkflowId: `zoom-meeting:${setup.hostId}:2030-01-01T10:00:00.000Z`,
    topic: 'Intro',
    startTime: '2030-01-01T10:00:00.000Z',
    durationMinutes: 30,
    tag: `zoom-meeting:${setup.hostId}:2030-01-01T10:00:00.000Z#1`,
  };
  return { zoomUserId: setup.zoomUserId, activities, input };
}

type Result = Awaited<ReturnType<ReturnType<typeof createActivities>['createZoomMeeting']>>;

test('two concurrent attempts of one create leave one meeting, and both return it', async () => {
  const { zoomUserId, activities, input } = await createSetup();
  // attempt 1 and attempt 2 of the same activity, both believing they are the one creating
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

test('attempts that each made a meeting and failed before comparing: the next retry keeps the earliest and deletes the other', async () => {
  const { zoomUserId, activities, input } = await createSetup();
  // both creates work; every listing after them fails (three tries each), so both attempts fail
  zoom.faults.next(6, { kind: '5xx' }, { match: { method: 'GET', pathPrefix: '/v2/users/me/meetings' } });
  const outcomes = await Promise.allSettled([
    new MockActivityEnvironment({ attempt: 1 }).run(activities.createZoomMeeting, input),
    new MockActivityEnvironment({ attempt: 1 }).run(activities.createZoomMeeting, input),
  ]);
  expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
  const [earliest, later] = zoom.meetings(zoomUserId);
  expect(later).toBeDefined();

  const retry: Result = await new MockActivityEnvironment({ attempt: 2 }).run(activities.createZoomMeeting, input);
  expect(retry).toEqual({ ok: true, meeting: { id: earliest!.id, joinUrl: earliest!.joinUrl } });
  expect(zoom.meetings(zoomUserId).map((meeting) => meeting.id)).toEqual([earliest!.id]);
});

test('a listing that fails once after the create is tried again within the attempt: one meeting, no failed attempt', async () => {
  const { zoomUserId, activities, input } = await createSetup();
  zoom.faults.next(1, { kind: '5xx' }, { match: { method: 'GET', pathPrefix: '/v2/users/me/meetings' } });
  const result: Result = await new MockActivityEnvironment({ attempt: 1 }).run(activities.createZoomMeeting, input);
  expect(result.ok).toBe(true);
  expect(zoom.meetings(zoomUserId)).toHaveLength(1);
});
