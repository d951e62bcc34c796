/**
 * The contact's self-service links, end to end: the engine on a time-skipping Temporal server with
 * the Zoom, SMTP and Twilio fakes; the link taken from the e-mail the SMTP fake received and used as
 * a browser does, with no key. Cancelling from it is the API's cancellation (the meeting goes unless
 * shared, reminders stop), recorded as the contact's; links of other appointments, altered or dead
 * ones get a page that says so.
 */
import { DateTime } from 'luxon';
import { decodePayloads } from '../harness/history-text';
import { historyToJSON } from '@temporalio/common/lib/proto-utils';
import { sendEmail, waitForAppointmentTime } from '../harness/automation-definitions';
import { publishAutomation } from '../harness/automation-publishing';
import { book } from '../harness/bookings';
import { signIn } from '../harness/console-session';
import { eventually } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';
import {
  emailsOf,
  linkInEmail,
  openPage,
  submitPage,
  tokenOf,
  withToken,
  type PageAction,
} from '../harness/self-service';
import { startTimeSkippingEngine, zoomBookingSetup, type TimeSkippingEngine } from '../harness/time-skipping-engine';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let t: TimeSkippingEngine;
/** every line the engine logs, at trace level: no token or key may appear in one */
const engineLog: string[] = [];
beforeAll(async () => {
  t = await startTimeSkippingEngine(
    { LOG_LEVEL: 'trace' },
    { logDestination: { write: (line: string) => void engineLog.push(line) } },
  );
});
afterAll(async () => {
  await t?.stop();
});

interface TimelineEntry {
  type: string;
  [detail: string]: unknown;
}
const viewOf = async (id: string) => (await t.api.get(`/v1/appointments/${id}`)).body;
const timelineOf = async (id: string) => (await viewOf(id)).timeline as TimelineEntry[];
const at = (ms: number) => new Date(ms).toISOString();
const base = async () => Math.floor((await t.now()) / MINUTE) * MINUTE;

/** An automation on the calendar's confirmed bookings: an e-mail with the link now, a reminder the day before. */
const withLinks = (calendar: { calendarId: string }, action: PageAction = 'cancel') =>
  publishAutomation(t.api, calendar, [
    sendEmail('confirmation', {
      subject: 'Booked: {{appointment.title}}',
      text: `Can't make it? ${action}: {{appointment.${action}_link}}`,
      html: `<p><a href="{{appointment.${action}_link}}">${action}</a></p>`,
    }),
    waitForAppointmentTime('day-before', '-24h'),
    sendEmail('reminder', { subject: 'Tomorrow: {{appointment.title}}', text: 'See you tomorrow.', html: undefined }),
  ]);

/** The link in the appointment's confirmation e-mail, once the SMTP fake has it. */
async function linkOf(appointmentId: string, action: PageAction = 'cancel'): Promise<string> {
  const [email] = await eventually(`the confirmation e-mail of ${appointmentId}`, async () => {
    const received = emailsOf(t.smtp.messages, appointmentId);
    return received.length > 0 ? received : undefined;
  });
  return linkInEmail(email!, action);
}

const linked = (id: string) =>
  eventually(`the Zoom link of ${id}`, async () => (await viewOf(id)).zoomMeeting?.joinUrl as string | undefined);

const timelineHas = (id: string, what: string, match: (entry: TimelineEntry) => boolean) =>
  eventually(`${what} on the timeline of ${id}`, async () => {
    const entry = (await timelineOf(id)).find(match);
    return entry ?? undefined;
  });

test('a contact cancels from the link in their confirmation e-mail: asked once, then the Zoom meeting is deleted, no reminder goes out, and the timeline says the contact did it', async () => {
  const setup = await zoomBookingSetup(t);
  await withLinks(setup);
  const start = (await base()) + 3 * DAY;
  const id = await book(t.api, setup, at(start));
  await linked(id);
  const [confirmation] = emailsOf(await t.smtp.waitForMessages(1), id);
  const link = await linkOf(id);
  expect(link.startsWith(`${t.engine.config.publicBaseUrl}/a/`)).toBe(true);
  // the HTML part carries the same link
  expect(confirmation!.html).toContain(`href="${link}"`);

  // the page shows the appointment in the contact's time zone (Europe/Paris) and asks
  const page = await openPage(link);
  expect(page.status).toBe(200);
  expect(page.headers.get('content-type')).toMatch(/^text\/html/);
  const when = DateTime.fromMillis(start, { zone: 'Europe/Paris' })
    .setLocale('en-US')
    .toFormat('cccc, LLLL d, yyyy h:mm a');
  expect(page.text).toContain('Cancel this appointment?');
  expect(page.text).toContain('Consultation');
  expect(page.text).toContain(`${when} (Europe/Paris)`);
  expect(page.text).toContain('Hana Host0');
  expect(page.html).toContain('<form method="post">');
  expect(page.html).not.toMatch(/<script/i);
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'none'");
  expect(csp).not.toContain('unsafe-inline');
  expect(page.headers.get('x-frame-options')).toBe('DENY');
  // opening it changes nothing but the timeline
  await timelineHas(id, 'the opening', (e) => e.type === 'link.opened' && e.action === 'cancel');
  expect((await viewOf(id)).status).toBe('confirmed');

  const done = await submitPage(link);
  expect(done.status).toBe(200);
  expect(done.text).toContain('Your appointment is cancelled');
  expect(done.text).toContain(`${when} (Europe/Paris)`);

  const view = await viewOf(id);
  expect(view.status).toBe('cancelled');
  expect(view.timeline).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ type: 'link.opened', action: 'cancel', source: 'contact', at: expect.any(String) }),
      expect.objectContaining({ type: 'status_changed', from: 'confirmed', to: 'cancelled', source: 'contact' }),
      expect.objectContaining({ type: 'cancelled', source: 'contact' }),
    ]),
  );
  // the meeting was not shared: it is deleted at Zoom
  await timelineHas(id, 'the meeting deleted', (e) => e.type === 'zoom.meeting_deleted');
  expect(t.zoom.meetings(setup.zoomUserId)).toEqual([]);

  // past the reminder's time: the run ends without sending it
  await t.advanceTo(start - DAY + MINUTE);
  await eventually('the run to end', async () => {
    const runs = (await viewOf(id)).automationRuns as { status: string }[];
    return runs.length === 1 && runs[0]!.status !== 'running' ? true : undefined;
  });
  const messages = (await t.api.get(`/v1/appointments/${id}/messages`)).body as { stepId: string; status: string }[];
  expect(messages.filter((m) => m.stepId === 'reminder' && m.status === 'sent')).toEqual([]);
  expect(emailsOf(t.smtp.messages, id).map((m) => m.subject)).toEqual(['Booked: Consultation']);

  // the link is used: it says so, as a page, and changes nothing
  for (const again of [await openPage(link), await submitPage(link)]) {
    expect(again.status).toBe(410);
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(again.text).toContain('This appointment is already cancelled.');
  }
  await timelineHas(id, 'the refused click', (e) => e.type === 'link.refused' && e.source === 'contact');

  // neither the token nor the signing key is in any workflow history of the appointment
  const histories = await Promise.all(
    [`appointment:${id}`, ...view.automationRuns.map((run: { runId: string }) => run.runId)].map(async (workflowId) => {
      const json = historyToJSON(await t.engine.client.workflow.getHandle(workflowId).fetchHistory());
      return `${json}\n${decodePayloads(JSON.parse(json))}`;
    }),
  );
  const everything = histories.join('\n');
  expect(everything).toContain(id); // the decoding works
  expect(everything).not.toContain(tokenOf(link));
  expect(everything).not.toContain(tokenOf(link).split('.')[1]);
  expect(everything).not.toContain(t.engine.config.linkSigningKey.toString('base64'));
  // …nor in any log line, though the pages' requests are logged
  expect(engineLog.some((line) => line.includes('/a/:token/cancel'))).toBe(true);
  const secrets = [tokenOf(link), tokenOf(link).split('.')[1]!, t.engine.config.linkSigningKey.toString('base64')];
  expect(engineLog.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
});

test('in a shared slot the meeting stays for the appointment that remains, and goes with the last one', async () => {
  const setup = await zoomBookingSetup(t, { slotCapacity: 2 });
  await withLinks(setup);
  const start = (await base()) + 3 * DAY;
  const first = await book(t.api, setup, at(start));
  const second = await book(t.api, setup, at(start));
  const shared = await linked(first);
  expect(await linked(second)).toBe(shared);

  expect((await submitPage(await linkOf(first))).status).toBe(200);
  await timelineHas(first, 'the meeting kept for the other', (e) => e.type === 'zoom.meeting_kept');
  expect(t.zoom.meetings(setup.zoomUserId).map((m) => m.joinUrl)).toEqual([shared]);
  expect((await viewOf(second)).zoomMeeting?.joinUrl).toBe(shared);
  expect((await viewOf(second)).status).toBe('confirmed');

  expect((await submitPage(await linkOf(second))).status).toBe(200);
  await timelineHas(second, 'the meeting deleted', (e) => e.type === 'zoom.meeting_deleted');
  expect(t.zoom.meetings(setup.zoomUserId)).toEqual([]);
});

test('links of another appointment or action, altered, malformed or unknown get a 404 page, and nothing changes', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await withLinks(setup);
  const start = (await base()) + 3 * DAY;
  const mine = await book(t.api, setup, at(start));
  const theirs = await book(t.api, setup, at(start + HOUR));
  const link = await linkOf(mine);
  const [theirId] = tokenOf(await linkOf(theirs)).split('.');
  const [, myTag] = tokenOf(link).split('.') as [string, string];
  const flipped = `${myTag.slice(0, 3)}${myTag[3] === 'x' ? 'y' : 'x'}${myTag.slice(4)}`;
  const before = { mine: await viewOf(mine), theirs: await viewOf(theirs) };

  const refused: [string, string][] = [
    ['their ID with my signature', withToken(link, `${theirId}.${myTag}`)],
    ['my signature altered', withToken(link, `${tokenOf(link).split('.')[0]}.${flipped}`)],
    ['my cancel token on the confirm page', link.replace(/\/cancel$/, '/confirm')],
    ['a made-up token', withToken(link, 'bm9ib2R5.AAAAAAAAAAAAAAAAAAAAAA')],
    ['no signature', withToken(link, tokenOf(link).split('.')[0]!)],
    ['a token longer than the router takes', withToken(link, 'x'.repeat(600))],
    ['malformed percent-encoding', withToken(link, '%E0%A4%A')],
    ['a page that does not exist', link.replace(/\/cancel$/, '/reschedule')],
  ];
  for (const [what, url] of refused) {
    for (const answer of [await openPage(url), await submitPage(url)]) {
      expect({ what, status: answer.status, type: answer.headers.get('content-type') }).toEqual({
        what,
        status: 404,
        type: expect.stringMatching(/^text\/html/),
      });
      expect({ what, text: answer.text }).toEqual({ what, text: expect.stringContaining('This link is not valid') });
    }
  }
  const after = { mine: await viewOf(mine), theirs: await viewOf(theirs) };
  expect(after).toEqual(before);
  expect(after.mine.timeline.filter((e: TimelineEntry) => e.type.startsWith('link.'))).toEqual([]);
});

test('a link after the appointment has started is refused with a page, and the appointment stays as it was', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await withLinks(setup);
  const startedAt = Date.now() - 10 * MINUTE; // started, by the wall clock and by the test server's
  const id = await book(t.api, setup, at(Math.floor(startedAt / MINUTE) * MINUTE));
  const link = await linkOf(id);
  for (const answer of [await openPage(link), await submitPage(link)]) {
    expect(answer.status).toBe(410);
    expect(answer.text).toContain('This appointment has already started, so this link no longer works.');
  }
  const view = await viewOf(id);
  expect(view.status).toBe('confirmed');
  expect(view.timeline.some((e: TimelineEntry) => e.type === 'status_changed')).toBe(false);
});

test('a confirm link confirms a new appointment once; the page escapes what it shows', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await publishAutomation(
    t.api,
    setup,
    [sendEmail('ask', { text: 'Please confirm: {{appointment.confirm_link}}', html: undefined })],
    { statuses: ['new'] },
  );
  const title = '<script>alert("hi")</script> & Co';
  const id = await book(t.api, setup, at((await base()) + 2 * DAY), { status: 'new', title });
  const link = await linkOf(id, 'confirm');

  const page = await openPage(link);
  expect(page.status).toBe(200);
  expect(page.text).toContain('Confirm this appointment?');
  expect(page.text).toContain(title);
  expect(page.html).not.toContain('<script>');
  expect(page.html).toContain('&lt;script&gt;');

  // a console session in the same browser does not matter: the form needs no CSRF header
  const cookie = await signIn(t.api);
  const done = await submitPage(link, { cookie });
  expect(done.status).toBe(200);
  expect(done.text).toContain('Your appointment is confirmed');
  const view = await viewOf(id);
  expect(view.status).toBe('confirmed');
  expect(view.timeline).toEqual(
    expect.arrayContaining([expect.objectContaining({ type: 'status_changed', to: 'confirmed', source: 'contact' })]),
  );
  const again = await submitPage(link);
  expect(again.status).toBe(410);
  expect(again.text).toContain('This appointment is already confirmed.');
});

test('a HEAD request (a link checker) is not a click; each GET is, up to 20 per appointment', async () => {
  const setup = await createBookingSetup(t.api, { location: { type: 'static', value: 'Room 4' } });
  await withLinks(setup);
  const id = await book(t.api, setup, at((await base()) + 2 * DAY));
  const link = await linkOf(id);
  const openings = async () => (await timelineOf(id)).filter((e) => e.type === 'link.opened').length;

  expect((await openPage(link, 'HEAD')).status).toBe(200);
  expect((await openPage(link)).status).toBe(200);
  await eventually('one opening', async () => ((await openings()) === 1 ? true : undefined));
  for (let i = 0; i < 30; i++) expect((await openPage(link)).status).toBe(200);
  await eventually('twenty openings', async () => ((await openings()) === 20 ? true : undefined));
  // recorded ones stay at the cap even after more clicks have been answered
  expect((await openPage(link)).status).toBe(200);
  expect(await openings()).toBe(20);
});
