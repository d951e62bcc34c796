/**
 * POST /v1/templates/preview: the console's live preview renders templates exactly as a send
 * would, with a sample appointment or a real one, and names the field of a bad template.
 */
import { book } from '../harness/bookings';
import { startTestEngine, type TestEngine } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

test('an e-mail preview with the sample appointment fills every field, escaping HTML only in HTML', async () => {
  const response = await t.api.post('/v1/templates/preview', {
    channel: 'email',
    subject: 'Hi {{contact.first_name}} & co',
    html: '<p>{{appointment.title}} at {{appointment.only_start_time}}: {{appointment.meeting_location}}</p>',
    text: 'Join: {{appointment.meeting_location}}',
  });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({
    subject: 'Hi Jordan & co',
    html: '<p>Discovery call at 3:00 PM: https://zoom.us/j/85012345678?pwd&#x3D;sample</p>',
    text: 'Join: https://zoom.us/j/85012345678?pwd=sample',
  });
});

test('a preview with a real appointment uses its data, in the contact’s time zone', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4, 2nd floor' } });
  // 15:00 UTC is 16:00 in Paris, the contact's zone (createBookingSetup)
  const id = await book(t.api, setup, '2031-03-04T15:00:00Z', { title: 'Check-up' });
  const response = await t.api.post('/v1/templates/preview', {
    channel: 'sms',
    appointmentId: id,
    body: '{{appointment.title}} {{appointment.only_start_time}} ({{appointment.timezone}}) at {{appointment.meeting_location}}',
  });
  expect(response.status).toBe(200);
  expect(response.body).toEqual({ body: 'Check-up 4:00 PM (Europe/Paris) at Room 4, 2nd floor' });
  // for the host the same appointment reads in the host's zone (America/New_York: 10:00 AM)
  const forHost = await t.api.post('/v1/templates/preview', {
    channel: 'sms',
    appointmentId: id,
    to: 'assigned_user',
    body: '{{appointment.only_start_time}}',
  });
  expect(forHost.body).toEqual({ body: '10:00 AM' });
});

test('an unknown merge field gets 400 invalid_template naming the field it is in', async () => {
  const response = await t.api.post('/v1/templates/preview', {
    channel: 'email',
    subject: 'fine',
    html: '<p>{{appointment.meeting_link}}</p>',
  });
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('invalid_template');
  expect(response.body.error.issues).toEqual([
    { path: 'html', message: expect.stringContaining('appointment.meeting_link') },
  ]);
});

test('an unknown appointment is 404; a bad channel or an SMS without body is 400 naming the field', async () => {
  expect((await t.api.post('/v1/templates/preview', { channel: 'sms', body: 'x', appointmentId: 'nope' })).status).toBe(
    404,
  );
  const badChannel = await t.api.post('/v1/templates/preview', { channel: 'fax', body: 'x' });
  expect(badChannel.status).toBe(400);
  expect(badChannel.body.error.issues[0].path).toBe('channel');
  const noBody = await t.api.post('/v1/templates/preview', { channel: 'sms' });
  expect(noBody.status).toBe(400);
  expect(noBody.body.error.issues[0].path).toBe('body');
});
