/** The link merge fields: plain in text and SMS, attribute-safe in HTML (the browser decodes the same URL). */
import { appointment, html, text } from './merge-data-fixture';

const { reschedule } = appointment().appointment.links;

test('text and SMS carry the links as they are', () => {
  expect(text('Cancel: {{appointment.cancel_link}} / reschedule: {{appointment.reschedule_link}}')).toBe(
    `Cancel: ${appointment().appointment.links.cancel} / reschedule: ${reschedule}`,
  );
});

test('HTML escapes them, so a link in an attribute decodes to the same URL', () => {
  const rendered = html('<a href="{{appointment.reschedule_link}}">Reschedule</a>');
  const href = /href="([^"]*)"/.exec(rendered)?.[1] ?? '';
  expect(href).not.toContain('&token');
  const decoded = href.replace(/&#x3D;/g, '=').replace(/&amp;/g, '&');
  expect(decoded).toBe(reschedule);
});

test('an empty reschedule link lets a template leave the sentence out', () => {
  const data = appointment();
  data.appointment.links = { ...data.appointment.links, reschedule: '' };
  expect(
    text('{{#if appointment.reschedule_link}}Reschedule: {{appointment.reschedule_link}}{{else}}Call us{{/if}}', data),
  ).toBe('Call us');
});
