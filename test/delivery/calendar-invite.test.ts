/**
 * Calendar invites, end to end: automations published and appointments booked, rescheduled and
 * cancelled through the HTTP API, the engine on a time-skipping Temporal server with the Zoom fake,
 * and each invite read where a mail client reads it: the e-mail at the SMTP server, its text/calendar
 * part and its invite.ics attachment, parsed with ical.js.
 */
import type ICAL from 'ical.js' with { 'resolution-mode': 'import' };
import { sendEmail, waitForAppointmentTime } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { eventually } from '../harness/engine';
import { startTimeSkippingEngine, zoomBookingSetup, type TimeSkippingEngine } from '../harness/time-skipping-engine';
import type { ReceivedEmail } from '../fakes/smtp-fake';
import { messagesOf, runEnded, twoDaysAfter } from './delivery-steps';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/** ical.js, a maintained RFC 5545 parser; an ES module, so loaded with import() (its CommonJS build at run time) */
let ical: typeof ICAL;

let t: TimeSkippingEngine;
beforeAll(async () => {
  ical = (await import('ical.js')).default;
  t = await startTimeSkippingEngine();
});
afterAll(async () => {
  await t?.stop();
});

const withInvite = (id: string, fields: Record<string, unknown> = {}) =>
  sendEmail(id, { attachCalendarInvite: true, ...fields });

/** The e-mail of step `stepId` of this appointment at the SMTP server, once its message is logged. */
async function mailOfStep(appointmentId: string, stepId: string): Promise<ReceivedEmail> {
  return eventually(`the e-mail of ${stepId} at the SMTP server`, async () => {
    const message = (await messagesOf(t.api, appointmentId)).find((m) => m.stepId === stepId && m.status === 'sent');
    return message && t.smtp.messages.find((mail) => mail.messageId === message.providerId);
  });
}

interface Invite {
  /** the METHOD parameter of the text/calendar part's Content-Type */
  partMethod: string | undefined;
  calendar: ICAL.Component;
  event: ICAL.Component;
}

/** The invite of a received e-mail, from its text/calendar part, which its invite.ics attachment repeats. */
function inviteOf(mail: ReceivedEmail): Invite {
  const part = mail.attachments.find((attachment) => attachment.contentType === 'text/calendar');
  const file = mail.attachments.find((attachment) => attachment.filename === 'invite.ics');
  if (!part || !file) throw new Error(`no calendar part or invite.ics in ${mail.subject}`);
  expect(file.contentType).toBe('application/ics');
  expect(file.disposition).toBe('attachment');
  expect(file.content).toBe(part.content);
  const calendar = new ical.Component(ical.parse(part.content));
  const event = calendar.getFirstSubcomponent('vevent');
  if (!event) throw new Error('the invite has no VEVENT');
  return { partMethod: part.contentTypeParams.method, calendar, event };
}

const text = (component: ICAL.Component, name: string) => String(component.getFirstPropertyValue(name));
const instant = (component: ICAL.Component, name: string) =>
  (component.getFirstPropertyValue(name) as ICAL.Time).toJSDate().toISOString();
const person = (component: ICAL.Component, name: string) => {
  const property = component.getFirstProperty(name);
  return property && { address: String(property.getFirstValue()).toLowerCase(), name: property.getParameter('cn') };
};

const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
/** The join URL of the appointment's meeting, as the Zoom fake holds it. */
async function joinUrlAtZoom(appointmentId: string): Promise<string> {
  const meetingId = await eventually('the Zoom meeting', async () => (await viewOf(appointmentId)).zoomMeeting?.id);
  const meeting = t.zoom.meetings().find((candidate) => String(candidate.id) === String(meetingId));
  if (!meeting) throw new Error(`meeting ${meetingId} is not at the Zoom fake`);
  return meeting.joinUrl;
}

const expectedUid = (appointmentId: string) =>
  `appointment-${appointmentId}@${new URL(t.engine.config.publicBaseUrl).hostname}`;

test('attachCalendarInvite: the e-mail carries a REQUEST invite with the appointment’s UID, SEQUENCE 0, its times, the Zoom link as LOCATION and URL, the host as ORGANIZER and the contact as ATTENDEE', async () => {
  const setup = await zoomBookingSetup(t);
  await publishAutomation(t.api, setup, [withInvite('confirm')]);
  const start = twoDaysAfter(await t.now());
  const id = await book(t.api, setup, start, { minutes: 45 });

  const mail = await mailOfStep(id, 'confirm');
  const invite = inviteOf(mail);
  const joinUrl = await joinUrlAtZoom(id);

  expect(invite.partMethod).toBe('REQUEST');
  expect(text(invite.calendar, 'method')).toBe('REQUEST');
  expect(text(invite.event, 'uid')).toBe(expectedUid(id));
  expect(invite.event.getFirstPropertyValue('sequence')).toBe(0);
  expect(instant(invite.event, 'dtstart')).toBe(new Date(start).toISOString());
  expect(instant(invite.event, 'dtend')).toBe(new Date(start + 45 * MINUTE).toISOString());
  expect(text(invite.event, 'summary')).toBe('Consultation');
  expect(text(invite.event, 'location')).toBe(joinUrl);
  expect(text(invite.event, 'url')).toBe(joinUrl);
  expect(text(invite.event, 'status')).toBe('CONFIRMED');
  expect(person(invite.event, 'organizer')).toEqual({
    address: `mailto:${setup.hostId}@example.com`,
    name: 'Hana Host0',
  });
  expect(person(invite.event, 'attendee')).toEqual({
    address: `mailto:${setup.contactId}@example.org`,
    name: 'Carla Contact',
  });
  // the body is still there, beside the invite
  expect(mail.text).toContain('Hi Carla');
});

test('a reschedule: the next invite has the same UID, a higher SEQUENCE, the new times and the new link', async () => {
  const setup = await zoomBookingSetup(t);
  await publishAutomation(t.api, setup, [
    withInvite('confirm'),
    waitForAppointmentTime('day-before', '-24h'),
    withInvite('reminder'),
  ]);
  const start = twoDaysAfter(await t.now()) + 24 * HOUR;
  const id = await book(t.api, setup, start);
  const first = inviteOf(await mailOfStep(id, 'confirm'));
  const firstLink = await joinUrlAtZoom(id);

  const moved = start + 26 * HOUR;
  const patched = await t.api.patch(`/v1/appointments/${id}`, {
    startTime: new Date(moved).toISOString(),
    endTime: new Date(moved + 30 * MINUTE).toISOString(),
  });
  expect(patched.status).toBe(200);
  const newLink = await eventually('the new meeting', async () => {
    const link = await joinUrlAtZoom(id);
    return link !== firstLink ? link : undefined;
  });
  await t.advanceTo(moved - 24 * HOUR + MINUTE);
  const second = inviteOf(await mailOfStep(id, 'reminder'));

  expect(text(second.event, 'uid')).toBe(text(first.event, 'uid'));
  expect(second.event.getFirstPropertyValue('sequence')).toBe(1);
  expect(Number(second.event.getFirstPropertyValue('sequence'))).toBeGreaterThan(
    Number(first.event.getFirstPropertyValue('sequence')),
  );
  expect(second.partMethod).toBe('REQUEST');
  expect(instant(second.event, 'dtstart')).toBe(new Date(moved).toISOString());
  expect(instant(second.event, 'dtend')).toBe(new Date(moved + 30 * MINUTE).toISOString());
  expect(text(second.event, 'location')).toBe(newLink);
  expect(text(second.event, 'url')).toBe(newLink);
});

test('a run triggered by the cancellation sends METHOD:CANCEL, STATUS:CANCELLED, the same UID and a SEQUENCE above the last invite', async () => {
  const setup = await zoomBookingSetup(t);
  await publishAutomation(t.api, setup, [withInvite('confirm')]);
  await publishAutomation(
    t.api,
    setup,
    [withInvite('cancelled-notice', { subject: 'Cancelled', text: 'Your appointment was cancelled.' })],
    { statuses: ['cancelled'] },
  );
  const id = await book(t.api, setup, twoDaysAfter(await t.now()));
  const request = inviteOf(await mailOfStep(id, 'confirm'));

  expect((await t.api.patch(`/v1/appointments/${id}`, { status: 'cancelled' })).status).toBe(200);
  const cancel = inviteOf(await mailOfStep(id, 'cancelled-notice'));

  expect(cancel.partMethod).toBe('CANCEL');
  expect(text(cancel.calendar, 'method')).toBe('CANCEL');
  expect(text(cancel.event, 'status')).toBe('CANCELLED');
  expect(text(cancel.event, 'uid')).toBe(expectedUid(id));
  expect(Number(cancel.event.getFirstPropertyValue('sequence'))).toBeGreaterThan(
    Number(request.event.getFirstPropertyValue('sequence')),
  );
});

test('without attachCalendarInvite the e-mail has no invite', async () => {
  const setup = await zoomBookingSetup(t);
  await publishAutomation(t.api, setup, [sendEmail('plain')]);
  const id = await book(t.api, setup, twoDaysAfter(await t.now()));
  await runEnded(t.api, id);

  const mail = await mailOfStep(id, 'plain');
  expect(mail.attachments).toEqual([]);
  expect(mail.raw).not.toMatch(/text\/calendar|BEGIN:VCALENDAR/i);
});
