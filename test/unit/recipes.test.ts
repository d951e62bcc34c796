import type { AutomationAction } from '../../src/domain/automation';
import { validateAutomation } from '../../src/domain/automation-validation';
import { findRecipe, RECIPES } from '../../src/domain/recipes';
import { NO_SELF_SERVICE_LINKS } from '../../src/self-service/self-service-links';
import type { MergeData } from '../../src/templates/merge-data';
import { recipientTimezone } from '../../src/templates/recipients';
import { renderTemplate } from '../../src/templates/template-render';

const published = (id: string) => {
  const recipe = findRecipe(id);
  if (!recipe) throw new Error(`no recipe ${id}`);
  const result = validateAutomation({ ...recipe.automation, status: 'published' });
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
};

const data = (): MergeData => ({
  appointment: {
    id: 'appt-1',
    title: 'Consultation',
    notes: null,
    status: 'confirmed',
    startTime: '2026-11-30T15:00:00Z',
    endTime: '2026-11-30T15:30:00Z',
    meetingLocation: 'https://zoom.us/j/987654321',
    links: NO_SELF_SERVICE_LINKS,
  },
  contact: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+14155550123',
    timezone: 'America/New_York',
  },
  user: { name: 'Grace Hopper', email: 'grace@example.com', phone: null, timezone: 'Europe/Paris' },
  calendar: { name: 'Consultations', timezone: null },
});

test.each(RECIPES.map((recipe) => [recipe.id]))('recipe %s passes validateAutomation', (id) => {
  expect(published(id).actions.length).toBeGreaterThan(0);
});

test('recipe ids are unique and each has a name and a description', () => {
  expect(new Set(RECIPES.map((recipe) => recipe.id)).size).toBe(RECIPES.length);
  for (const recipe of RECIPES) {
    expect(recipe.name).not.toBe('');
    expect(recipe.description.length).toBeGreaterThan(20);
  }
});

test('recipes are frozen, so nobody edits the shared constant by accident', () => {
  const recipe = RECIPES[0];
  expect(Object.isFrozen(recipe)).toBe(true);
  expect(Object.isFrozen(recipe?.automation.actions[0])).toBe(true);
});

describe('appointment-confirmation-and-reminders (the reference recipe)', () => {
  const automation = () => published('appointment-confirmation-and-reminders');

  test('fires on confirmed appointments of any event type', () => {
    expect(automation().trigger).toEqual({
      type: 'appointment_status',
      filters: { eventType: 'any', statuses: ['confirmed'] },
    });
  });

  test('waits a minute, confirms, tells the host, then reminds 24 h and 1 h before, skipping reminders already due', () => {
    const outline = automation().actions.map((action: AutomationAction) => {
      switch (action.type) {
        case 'wait':
          return `wait ${action.duration}`;
        case 'send_email':
        case 'send_sms':
          return `${action.type} to ${action.to}`;
        case 'internal_notification':
          return `internal_notification ${action.channel} to ${JSON.stringify(action.to)}`;
        case 'wait_for_appointment_time':
          return `wait_for_appointment_time ${action.offset} ifPassed ${JSON.stringify(action.ifPassed)}`;
        case 'condition':
          return `condition ${action.match} then ${action.then} else ${action.else}`;
        default: {
          const unreachable: never = action;
          return unreachable;
        }
      }
    });
    expect(outline).toEqual([
      'wait 1m',
      'send_email to contact',
      'send_sms to contact',
      'internal_notification in_app to "assigned_user"',
      'wait_for_appointment_time -24h ifPassed "skip_outbound_until_next_wait"',
      'send_email to contact',
      'send_sms to contact',
      'wait_for_appointment_time -1h ifPassed "skip_outbound_until_next_wait"',
      'send_email to contact',
      'send_sms to contact',
    ]);
  });

  test('the confirmation e-mail and SMS carry the meeting location and the start time in the contact’s timezone', () => {
    const [, email, sms] = automation().actions;
    if (email?.type !== 'send_email' || sms?.type !== 'send_sms') throw new Error('unexpected recipe shape');
    const timezone = recipientTimezone('contact', data());
    const render = (template: string | undefined, escape: 'html' | 'none') =>
      renderTemplate(template ?? '', data(), { escape, timezone });

    expect(render(email.subject, 'none')).toBe('Your appointment on November 30, 2026 is confirmed');
    for (const body of [render(email.html, 'html'), render(email.text, 'none'), render(sms.body, 'none')]) {
      expect(body).toContain('https://zoom.us/j/987654321');
      expect(body).toContain('Monday, November 30, 2026 10:00 AM');
    }
    expect(render(sms.body, 'none')).toBe(
      'Hi Ada, your appointment with Grace Hopper is confirmed for Monday, November 30, 2026 10:00 AM. Where: https://zoom.us/j/987654321',
    );
    expect(render(email.text, 'none')).toBe(
      'Hi Ada,\n\nYour appointment with Grace Hopper is confirmed for Monday, November 30, 2026 10:00 AM (America/New_York).\n' +
        'Where: https://zoom.us/j/987654321\n\nSee you then,\nGrace Hopper',
    );
  });

  test('without a meeting location the confirmation leaves the line out, and no blank line behind', () => {
    const [, email, sms] = automation().actions;
    if (email?.type !== 'send_email' || sms?.type !== 'send_sms') throw new Error('unexpected recipe shape');
    const noLocation = data();
    noLocation.appointment.meetingLocation = null;
    const render = (template: string | undefined, escape: 'html' | 'none') =>
      renderTemplate(template ?? '', noLocation, { escape, timezone: 'America/New_York' });
    expect(render(sms.body, 'none')).toBe(
      'Hi Ada, your appointment with Grace Hopper is confirmed for Monday, November 30, 2026 10:00 AM.',
    );
    expect(render(email.text, 'none')).toBe(
      'Hi Ada,\n\nYour appointment with Grace Hopper is confirmed for Monday, November 30, 2026 10:00 AM (America/New_York).\n' +
        '\nSee you then,\nGrace Hopper',
    );
    expect(render(email.html, 'html')).toBe(
      '<p>Hi Ada,</p>\n<p>Your appointment with Grace Hopper is confirmed for <strong>Monday, November 30, 2026 10:00 AM (America/New_York)</strong>.</p>\n' +
        '<p>See you then,</p>\n<p>Grace Hopper</p>',
    );
  });

  test('the host’s notification shows the time in the host’s timezone', () => {
    const notify = automation().actions[3];
    if (notify?.type !== 'internal_notification') throw new Error('unexpected recipe shape');
    expect(
      renderTemplate(notify.body, data(), { escape: 'none', timezone: recipientTimezone('internal', data()) }),
    ).toBe('Ada Lovelace booked Consultations for Monday, November 30, 2026 4:00 PM (Europe/Paris).');
  });
});

test('the cancellation notice fires on cancelled appointments and the no-show follow-up on no-shows', () => {
  expect(published('appointment-cancellation-notice').trigger).toMatchObject({ filters: { statuses: ['cancelled'] } });
  expect(published('no-show-follow-up').trigger).toMatchObject({ filters: { statuses: ['noshow'] } });
});
