/**
 * Ready-made automations (GET /v1/recipes), starting with the reference one: a one-minute wait
 * so the meeting link exists, confirmation by e-mail and SMS with the meeting location, an
 * in-app note to the host, then reminders 24 h and 1 h before. Each recipe must pass
 * validateAutomation once given a status (test/unit/recipes.test.ts holds them to it).
 */
import type { AutomationAction, AutomationInput } from './automation';

export interface Recipe {
  id: string;
  name: string;
  description: string;
  automation: Pick<AutomationInput, 'name' | 'trigger' | 'actions'>;
}

// Shared pieces of wording, so the e-mails of one recipe read alike.
const WHEN = '{{appointment.start_time}} ({{appointment.timezone}})';
// The block tags stand on lines of their own, which Handlebars removes whole: no stray blank line
// when there is no location.
const WHERE_HTML = '{{#if appointment.meeting_location}}\n<p>Where: {{appointment.meeting_location}}</p>\n{{/if}}\n';
const WHERE_TEXT = '{{#if appointment.meeting_location}}\nWhere: {{appointment.meeting_location}}\n{{/if}}\n';
const SIGNATURE_HTML = '<p>{{user.name}}</p>';
// The calendar's booking page when it has one (reschedulePageUrl), else an invitation to reply.
const REBOOK_HTML =
  '{{#if appointment.reschedule_link}}\n<p><a href="{{appointment.reschedule_link}}">Book another time</a></p>\n' +
  '{{else}}\n<p>Reply to this e-mail and we will find another time.</p>\n{{/if}}\n';
const REBOOK_TEXT =
  '{{#if appointment.reschedule_link}}\nBook another time: {{appointment.reschedule_link}}\n' +
  '{{else}}\nReply to this e-mail and we will find another time.\n{{/if}}\n';

const confirmationAndReminders: Recipe = {
  id: 'appointment-confirmation-and-reminders',
  name: 'Appointment confirmation and reminders',
  description:
    'When an appointment is confirmed: waits one minute so the meeting link is set, sends the contact a confirmation ' +
    'e-mail and SMS with the meeting location, tells the host in the app, then reminds the contact by e-mail and SMS ' +
    '24 hours and 1 hour before. A reminder whose time has already passed is skipped.',
  automation: {
    name: 'Appointment confirmation and reminders',
    trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['confirmed'] } },
    actions: [
      // Zoom links are created asynchronously after booking; give that a minute before confirming.
      { id: 'wait-for-meeting-link', type: 'wait', duration: '1m' },
      {
        id: 'confirmation-email',
        type: 'send_email',
        to: 'contact',
        subject: 'Your appointment on {{appointment.only_start_date}} is confirmed',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          `<p>Your appointment with {{user.name}} is confirmed for <strong>${WHEN}</strong>.</p>\n` +
          WHERE_HTML +
          '<p>See you then,</p>\n' +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          `Your appointment with {{user.name}} is confirmed for ${WHEN}.\n` +
          WHERE_TEXT +
          '\nSee you then,\n{{user.name}}',
      },
      {
        id: 'confirmation-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Hi {{contact.first_name}}, your appointment with {{user.name}} is confirmed for {{appointment.start_time}}.' +
          '{{#if appointment.meeting_location}} Where: {{appointment.meeting_location}}{{/if}}',
      },
      {
        id: 'notify-host',
        type: 'internal_notification',
        channel: 'in_app',
        to: 'assigned_user',
        subject: 'New appointment with {{contact.name}}',
        body: '{{contact.name}} booked {{calendar.name}} for {{appointment.start_time}} ({{appointment.timezone}}).',
      },
      // Booked less than 24 h ahead: skip this reminder, keep the 1-hour one.
      {
        id: 'wait-until-24h-before',
        type: 'wait_for_appointment_time',
        offset: '-24h',
        ifPassed: 'skip_outbound_until_next_wait',
      },
      {
        id: 'reminder-24h-email',
        type: 'send_email',
        to: 'contact',
        subject: 'Reminder: your appointment on {{appointment.day_of_week}} at {{appointment.only_start_time}}',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          `<p>A reminder of your appointment with {{user.name}} tomorrow, <strong>${WHEN}</strong>.</p>\n` +
          WHERE_HTML +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          `A reminder of your appointment with {{user.name}} tomorrow, ${WHEN}.\n` +
          WHERE_TEXT +
          '\n{{user.name}}',
      },
      {
        id: 'reminder-24h-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Reminder: your appointment with {{user.name}} is tomorrow, {{appointment.start_time}}.' +
          '{{#if appointment.meeting_location}} Where: {{appointment.meeting_location}}{{/if}}',
      },
      {
        id: 'wait-until-1h-before',
        type: 'wait_for_appointment_time',
        offset: '-1h',
        ifPassed: 'skip_outbound_until_next_wait',
      },
      {
        id: 'reminder-1h-email',
        type: 'send_email',
        to: 'contact',
        subject: 'Starting soon: your appointment at {{appointment.only_start_time}}',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          `<p>Your appointment with {{user.name}} starts in an hour, at <strong>${WHEN}</strong>.</p>\n` +
          WHERE_HTML +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          `Your appointment with {{user.name}} starts in an hour, at ${WHEN}.\n` +
          WHERE_TEXT +
          '\n{{user.name}}',
      },
      {
        id: 'reminder-1h-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Starting in an hour: your appointment with {{user.name}} at {{appointment.only_start_time}}.' +
          '{{#if appointment.meeting_location}} Where: {{appointment.meeting_location}}{{/if}}',
      },
    ],
  },
};

const cancellationNotice: Recipe = {
  id: 'appointment-cancellation-notice',
  name: 'Appointment cancellation notice',
  description: 'When an appointment is cancelled: tells the contact by e-mail and SMS, and the host in the app.',
  automation: {
    name: 'Appointment cancellation notice',
    trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['cancelled'] } },
    actions: [
      {
        id: 'cancellation-email',
        type: 'send_email',
        to: 'contact',
        subject: 'Your appointment on {{appointment.only_start_date}} is cancelled',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          `<p>Your appointment with {{user.name}} on <strong>${WHEN}</strong> has been cancelled.</p>\n` +
          '<p>Reply to this e-mail if you would like to book another time.</p>\n' +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          `Your appointment with {{user.name}} on ${WHEN} has been cancelled.\n` +
          'Reply to this e-mail if you would like to book another time.\n\n{{user.name}}',
      },
      {
        id: 'cancellation-sms',
        type: 'send_sms',
        to: 'contact',
        body: 'Hi {{contact.first_name}}, your appointment with {{user.name}} on {{appointment.start_time}} has been cancelled.',
      },
      {
        id: 'notify-host',
        type: 'internal_notification',
        channel: 'in_app',
        to: 'assigned_user',
        subject: 'Cancelled: {{contact.name}}',
        body: 'The appointment with {{contact.name}} on {{appointment.start_time}} ({{calendar.name}}) was cancelled.',
      },
    ],
  },
};

const noShowFollowUp: Recipe = {
  id: 'no-show-follow-up',
  name: 'No-show follow-up',
  description:
    'When a contact is marked as a no-show: after 15 minutes, apologises by e-mail and SMS with the link to book ' +
    "again (the calendar's booking page; a reply when it has none), and tells the host.",
  automation: {
    name: 'No-show follow-up',
    trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['noshow'] } },
    actions: [
      { id: 'grace-period', type: 'wait', duration: '15m' },
      {
        id: 'follow-up-email',
        type: 'send_email',
        to: 'contact',
        subject: 'We missed you',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          '<p>We missed you at your appointment with {{user.name}} on {{appointment.start_time}}; ' +
          'we are sorry it did not work out.</p>\n' +
          REBOOK_HTML +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          'We missed you at your appointment with {{user.name}} on {{appointment.start_time}}; ' +
          'we are sorry it did not work out.\n' +
          REBOOK_TEXT +
          '\n{{user.name}}',
      },
      {
        id: 'follow-up-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Hi {{contact.first_name}}, we missed you at your appointment with {{user.name}}. ' +
          '{{#if appointment.reschedule_link}}Book another time: {{appointment.reschedule_link}}' +
          '{{else}}Reply to book another time.{{/if}}',
      },
      {
        id: 'notify-host',
        type: 'internal_notification',
        channel: 'in_app',
        to: 'assigned_user',
        subject: 'No-show: {{contact.name}}',
        body: '{{contact.name}} did not attend the appointment on {{appointment.start_time}}; a follow-up was sent.',
      },
    ],
  },
};

/** The reference recipe's steps by id, to build variants from (copies: the recipes are frozen). */
const referenceStep = (id: string): AutomationAction => {
  const step = confirmationAndReminders.automation.actions.find((action) => action.id === id);
  if (!step) throw new Error(`the reference recipe has no step ${id}`);
  return structuredClone(step);
};

const confirmByReply: Recipe = {
  id: 'confirm-by-reply',
  name: 'Confirm by reply',
  description:
    'For unconfirmed bookings (status new): the reference confirmation and reminders, asking the contact to reply C ' +
    'by SMS (or to use the confirm link in the e-mail); 2 hours before, if the appointment is still unconfirmed, ' +
    'a follow-up SMS with the confirm and cancel links. Needs two-way SMS (Twilio) for the replies.',
  automation: {
    name: 'Confirm by reply',
    trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['new'] } },
    actions: [
      referenceStep('wait-for-meeting-link'),
      {
        id: 'request-email',
        type: 'send_email',
        to: 'contact',
        subject: 'Please confirm your appointment on {{appointment.only_start_date}}',
        html:
          '<p>Hi {{contact.first_name}},</p>\n' +
          `<p>You booked an appointment with {{user.name}} for <strong>${WHEN}</strong>.</p>\n` +
          WHERE_HTML +
          '<p><a href="{{appointment.confirm_link}}">Confirm</a> or ' +
          '<a href="{{appointment.cancel_link}}">cancel</a> it, or reply C to our text message.</p>\n' +
          SIGNATURE_HTML,
        text:
          'Hi {{contact.first_name}},\n\n' +
          `You booked an appointment with {{user.name}} for ${WHEN}.\n` +
          WHERE_TEXT +
          'Confirm: {{appointment.confirm_link}}\nCancel: {{appointment.cancel_link}}\n' +
          'Or reply C to our text message.\n\n{{user.name}}',
      },
      {
        id: 'request-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Hi {{contact.first_name}}, your appointment with {{user.name}} is on {{appointment.start_time}}. ' +
          'Reply C to confirm.',
      },
      referenceStep('notify-host'),
      referenceStep('wait-until-24h-before'),
      referenceStep('reminder-24h-email'),
      referenceStep('reminder-24h-sms'),
      {
        id: 'wait-until-2h-before',
        type: 'wait_for_appointment_time',
        offset: '-2h',
        ifPassed: 'next',
      },
      {
        id: 'still-unconfirmed',
        type: 'condition',
        match: 'all',
        if: [{ field: 'status', in: ['new'] }],
        then: 'unconfirmed-sms',
        else: 'wait-until-1h-before',
      },
      {
        id: 'unconfirmed-sms',
        type: 'send_sms',
        to: 'contact',
        body:
          'Your appointment with {{user.name}} at {{appointment.only_start_time}} is not confirmed yet. ' +
          'Reply C to confirm, or cancel: {{appointment.cancel_link}}',
      },
      referenceStep('wait-until-1h-before'),
      referenceStep('reminder-1h-email'),
      referenceStep('reminder-1h-sms'),
    ],
  },
};

/** Frozen all the way down: these are shared constants, and a caller must copy before editing. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export const RECIPES: readonly Recipe[] = deepFreeze([
  confirmationAndReminders,
  confirmByReply,
  cancellationNotice,
  noShowFollowUp,
]);

export function findRecipe(id: string): Recipe | undefined {
  return RECIPES.find((recipe) => recipe.id === id);
}
