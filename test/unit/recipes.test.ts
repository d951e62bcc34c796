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

describe('confirm-by-reply', () => {
  const automation = () => published('confirm-by-reply');
  const step = (id: string) => {
    const found = automation().actions.find((action) => action.id === id);
    if (!found) throw new Error(`no step ${id}`);
    return found;
  };
  const withLinks = (): MergeData => {
    const merge = data();
    merge.appointment.status = 'new';
    merge.appointment.links = {
      cancel: 'https://crm.example/a/tok/cancel',
      confirm: 'https://crm.example/a/tok/confirm',
      reschedule: '',
    };
    return merge;
  };
  const render = (template: string, escape: 'html' | 'none' = 'none') =>
    renderTemplate(template, withLinks(), { escape, timezone: 'America/New_York' });

  test('fires on unconfirmed appointments and asks for a C reply, with the confirm and cancel links by e-mail', () => {
    expect(automation().trigger).toEqual({
      type: 'appointment_status',
      filters: { eventType: 'any', statuses: ['new'] },
    });
    const sms = step('request-sms');
    const email = step('request-email');
    if (sms.type !== 'send_sms' || email.type !== 'send_email') throw new Error('unexpected recipe shape');
    expect(render(sms.body)).toBe(
      'Hi Ada, your appointment with Grace Hopper is on Monday, November 30, 2026 10:00 AM. Reply C to confirm.',
    );
    expect(render(email.text ?? '')).toContain(
      'Confirm: https://crm.example/a/tok/confirm\nCancel: https://crm.example/a/tok/cancel\n',
    );
    expect(render(email.html ?? '', 'html')).toContain('<a href="https://crm.example/a/tok/confirm">Confirm</a>');
  });

  test('2 hours before, a still-new appointment gets the follow-up SMS; a confirmed one goes on to the 1-hour reminder', () => {
    const ids = automation().actions.map((action) => action.id);
    expect(ids.slice(ids.indexOf('wait-until-2h-before'))).toEqual([
      'wait-until-2h-before',
      'still-unconfirmed',
      'unconfirmed-sms',
      'wait-until-1h-before',
      'reminder-1h-email',
      'reminder-1h-sms',
    ]);
    expect(step('wait-until-2h-before')).toMatchObject({ type: 'wait_for_appointment_time', offset: '-2h' });
    expect(step('still-unconfirmed')).toEqual({
      id: 'still-unconfirmed',
      type: 'condition',
      match: 'all',
      if: [{ field: 'status', in: ['new'] }],
      then: 'unconfirmed-sms',
      else: 'wait-until-1h-before',
    });
    const followUp = step('unconfirmed-sms');
    if (followUp.type !== 'send_sms') throw new Error('unexpected recipe shape');
    expect(render(followUp.body)).toBe(
      'Your appointment with Grace Hopper at 10:00 AM is not confirmed yet. Reply C to confirm, or cancel: https://crm.example/a/tok/cancel',
    );
  });
});

test('the no-show follow-up apologises with the calendar’s booking page, or asks for a reply when there is none', () => {
  const email = published('no-show-follow-up').actions.find((action) => action.id === 'follow-up-email');
  if (email?.type !== 'send_email') throw new Error('unexpected recipe shape');
  const merge = data();
  merge.appointment.links = { ...NO_SELF_SERVICE_LINKS, reschedule: 'https://book.example/sales?appointmentId=appt-1' };
  const text = (with_: MergeData) => renderTemplate(email.text ?? '', with_, { escape: 'none', timezone: 'UTC' });
  expect(text(merge)).toContain(
    'we are sorry it did not work out.\nBook another time: https://book.example/sales?appointmentId=appt-1\n',
  );
  expect(text(data())).toContain(
    'we are sorry it did not work out.\nReply to this e-mail and we will find another time.\n',
  );
  expect(renderTemplate(email.html ?? '', merge, { escape: 'html', timezone: 'UTC' })).toContain(
    '<a href="https://book.example/sales?appointmentId&#x3D;appt-1">Book another time</a>',
  );
});
