/** The three links a message renders, computed at send time from the appointment and its calendar. */
import { randomBytes } from 'node:crypto';
import { SelfServiceLinks } from '../../../src/self-service/self-service-links';

const links = new SelfServiceLinks(randomBytes(32), 'https://engine.example.com');

test('cancel and confirm are pages of the engine whose tokens verify for this appointment and action', () => {
  const set = links.of('a-1', null);
  const cancel = /^https:\/\/engine\.example\.com\/a\/([^/]+)\/cancel$/.exec(set.cancel);
  const confirm = /^https:\/\/engine\.example\.com\/a\/([^/]+)\/confirm$/.exec(set.confirm);
  expect(links.tokens.verify(cancel?.[1] ?? '', 'cancel')).toBe('a-1');
  expect(links.tokens.verify(confirm?.[1] ?? '', 'confirm')).toBe('a-1');
});

test('reschedule is the calendar’s page with the appointment ID and a reschedule token appended', () => {
  const url = new URL(links.of('crm:42', 'https://book.example.com/call?ref=mail&appointmentId=old#top').reschedule);
  expect(`${url.origin}${url.pathname}${url.hash}`).toBe('https://book.example.com/call#top');
  expect(url.searchParams.get('ref')).toBe('mail');
  expect(url.searchParams.getAll('appointmentId')).toEqual(['crm:42']);
  expect(links.tokens.verify(url.searchParams.get('token') ?? '', 'reschedule')).toBe('crm:42');
});

test('reschedule is empty when the calendar has no page', () => {
  expect(links.of('a-1', null).reschedule).toBe('');
});
