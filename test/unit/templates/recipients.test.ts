import type { OutboundAction } from '../../../src/domain/automation';
import type { Contact } from '../../../src/domain/contact';
import type { User } from '../../../src/domain/user';
import {
  namedUserId,
  recipientTimezone,
  resolveRecipient,
  type AppointmentPeople,
} from '../../../src/templates/recipients';
import { appointment, text } from './merge-data-fixture';

describe('recipientTimezone', () => {
  test('contact messages use the contact’s timezone, then the calendar’s, then UTC', () => {
    const data = appointment();
    expect(recipientTimezone('contact', data)).toBe('America/New_York');
    data.contact.timezone = null;
    expect(recipientTimezone('contact', data)).toBe('America/Los_Angeles');
    data.calendar.timezone = null;
    expect(recipientTimezone('contact', data)).toBe('UTC');
  });

  test('internal messages use the user’s timezone, then the calendar’s, then UTC', () => {
    const data = appointment();
    expect(recipientTimezone('internal', data)).toBe('Europe/Paris');
    data.user.timezone = 'Not/A_Zone';
    expect(recipientTimezone('internal', data)).toBe('America/Los_Angeles');
    data.calendar.timezone = null;
    expect(recipientTimezone('internal', data)).toBe('UTC');
  });

  test('a contact message and an internal one about the same appointment show their own local times', () => {
    const data = appointment();
    const template = '{{appointment.only_start_time}} {{appointment.timezone}}';
    expect(text(template, data, recipientTimezone('contact', data))).toBe('10:00 AM America/New_York');
    expect(text(template, data, recipientTimezone('internal', data))).toBe('4:00 PM Europe/Paris');
  });
});

describe('resolveRecipient', () => {
  const stamp = { createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };
  const contact = (extra: Partial<Contact> = {}): Contact => ({
    id: 'c1',
    firstName: 'Ada',
    lastName: null,
    email: 'ada@example.com',
    phone: '+14155550123',
    timezone: null,
    ...stamp,
    ...extra,
  });
  const user = (id: string, extra: Partial<User> = {}): User => ({
    id,
    name: 'Grace Hopper',
    email: `${id}@example.com`,
    phone: '+33612345678',
    timezone: 'Europe/Paris',
    ...stamp,
    ...extra,
  });
  const email = (to: string): OutboundAction => ({ id: 'e', type: 'send_email', to, subject: 's', text: 't' });
  const sms = (to: string): OutboundAction => ({ id: 's', type: 'send_sms', to, body: 'b' });
  const internal = (
    channel: 'email' | 'sms' | 'in_app',
    to: 'assigned_user' | string | { userId: string },
  ): OutboundAction => ({ id: 'n', type: 'internal_notification', channel, to, body: 'b' });
  const everyone: AppointmentPeople = { contact: contact(), assignedUser: user('u1') };

  test('e-mails and SMS to the contact use the contact’s address and number, in the contact’s zone', () => {
    expect(resolveRecipient(email('contact'), everyone)).toMatchObject({ kind: 'contact', to: 'ada@example.com' });
    expect(resolveRecipient(sms('contact'), everyone)).toMatchObject({ kind: 'contact', to: '+14155550123' });
  });

  test('e-mails and SMS to the assigned user are internal', () => {
    expect(resolveRecipient(email('assigned_user'), everyone)).toMatchObject({
      kind: 'internal',
      to: 'u1@example.com',
    });
    expect(resolveRecipient(sms('assigned_user'), everyone)).toMatchObject({ kind: 'internal', to: '+33612345678' });
  });

  test('a literal address or number is written to as a contact', () => {
    expect(resolveRecipient(email('bob@example.com'), everyone)).toEqual({ kind: 'contact', to: 'bob@example.com' });
    expect(resolveRecipient(sms('+14155550199'), everyone)).toEqual({ kind: 'contact', to: '+14155550199' });
  });

  test('a missing address says why', () => {
    const nobody: AppointmentPeople = { contact: contact({ email: null, phone: null }), assignedUser: undefined };
    expect(resolveRecipient(email('contact'), nobody)).toMatchObject({
      to: null,
      missing: 'the contact has no e-mail address',
    });
    expect(resolveRecipient(sms('contact'), nobody)).toMatchObject({
      to: null,
      missing: 'the contact has no phone number',
    });
    expect(resolveRecipient(email('assigned_user'), nobody)).toMatchObject({
      to: null,
      missing: 'the appointment has no assigned user',
    });
    expect(resolveRecipient(sms('assigned_user'), nobody)).toMatchObject({
      to: null,
      missing: 'the appointment has no assigned user',
    });
    const phoneless = { ...everyone, assignedUser: user('u1', { phone: null }) };
    expect(resolveRecipient(sms('assigned_user'), phoneless)).toMatchObject({
      to: null,
      missing: 'the assigned user has no phone number',
    });
  });

  test('internal notifications reach a user on the action’s channel', () => {
    expect(resolveRecipient(internal('email', 'assigned_user'), everyone)).toEqual({
      kind: 'internal',
      to: 'u1@example.com',
      userId: 'u1',
    });
    expect(resolveRecipient(internal('sms', 'assigned_user'), everyone)).toMatchObject({
      kind: 'internal',
      to: '+33612345678',
      userId: 'u1',
    });
    expect(resolveRecipient(internal('in_app', 'assigned_user'), everyone)).toEqual({
      kind: 'internal',
      to: 'u1',
      userId: 'u1',
    });
  });

  test('a user named by ID is the one looked up for the action', () => {
    const action = internal('in_app', { userId: 'u2' });
    expect(namedUserId(action)).toBe('u2');
    expect(namedUserId(internal('in_app', 'assigned_user'))).toBeUndefined();
    expect(namedUserId(email('contact'))).toBeUndefined();
    expect(resolveRecipient(action, { ...everyone, namedUser: user('u2') })).toEqual({
      kind: 'internal',
      to: 'u2',
      userId: 'u2',
    });
    expect(resolveRecipient(action, everyone)).toEqual({ kind: 'internal', to: null, missing: 'unknown user u2' });
  });

  test('an internal notification to an address goes there, except in-app, which goes to users only', () => {
    expect(resolveRecipient(internal('email', 'ops@example.com'), everyone)).toEqual({
      kind: 'internal',
      to: 'ops@example.com',
    });
    expect(resolveRecipient(internal('in_app', 'ops@example.com'), everyone)).toEqual({
      kind: 'internal',
      to: null,
      missing: 'in-app notifications go to users',
    });
  });

  test('an internal SMS to a user without a number says which user', () => {
    const phoneless = { ...everyone, assignedUser: user('u1', { phone: null }) };
    expect(resolveRecipient(internal('sms', 'assigned_user'), phoneless)).toMatchObject({
      to: null,
      missing: 'user u1 has no phone number',
    });
    expect(resolveRecipient(internal('sms', 'assigned_user'), { contact: undefined, assignedUser: undefined })).toEqual(
      { kind: 'internal', to: null, missing: 'the appointment has no assigned user' },
    );
  });
});
