import type { OutboundAction } from '../../../src/domain/automation';
import { renderMessage } from '../../../src/templates/rendered-message';
import { appointment } from './merge-data-fixture';

const senders = { from: 'hello@clinic.example', internalFrom: 'do-not-reply@clinic.example' };
const contact = { kind: 'contact', to: 'ada@example.com' } as const;
const host = { kind: 'internal', to: 'grace@example.com', userId: 'u1' } as const;

describe('renderMessage', () => {
  test('an e-mail to a contact: subject and text in the contact’s zone, HTML escaped, from the contact sender', () => {
    const action: OutboundAction = {
      id: 'e',
      type: 'send_email',
      to: 'contact',
      subject: 'See you at {{appointment.only_start_time}}',
      html: '<p>{{appointment.notes}} & more</p>',
      text: 'Hi {{contact.first_name}}',
    };
    const data = appointment();
    data.appointment.notes = '<passport>';
    expect(renderMessage(action, data, contact, senders)).toEqual({
      channel: 'email',
      to: 'ada@example.com',
      subject: 'See you at 10:00 AM',
      body: 'Hi Ada',
      text: 'Hi Ada',
      html: '<p>&lt;passport&gt; & more</p>',
      from: 'hello@clinic.example',
    });
  });

  test('an HTML-only e-mail shows its HTML as the logged body', () => {
    const action: OutboundAction = { id: 'e', type: 'send_email', to: 'contact', subject: 's', html: '<b>hi</b>' };
    expect(renderMessage(action, appointment(), contact, senders)).toMatchObject({
      body: '<b>hi</b>',
      text: undefined,
    });
  });

  test('an internal e-mail reads in the user’s zone, comes from the internal sender, with a default subject', () => {
    const action: OutboundAction = {
      id: 'n',
      type: 'internal_notification',
      channel: 'email',
      to: 'assigned_user',
      body: 'Starts {{appointment.only_start_time}}',
    };
    expect(renderMessage(action, appointment(), host, senders)).toEqual({
      channel: 'email',
      to: 'grace@example.com',
      subject: 'Appointment notification',
      body: 'Starts 4:00 PM',
      text: 'Starts 4:00 PM',
      from: 'do-not-reply@clinic.example',
    });
  });

  test('an SMS and an in-app notification are plain text; in-app names its user', () => {
    const sms: OutboundAction = { id: 's', type: 'send_sms', to: 'contact', body: 'Hi {{contact.first_name}} <3' };
    expect(renderMessage(sms, appointment(), { kind: 'contact', to: '+14155550123' }, senders)).toEqual({
      channel: 'sms',
      to: '+14155550123',
      subject: null,
      body: 'Hi Ada <3',
    });
    const inApp: OutboundAction = {
      id: 'n',
      type: 'internal_notification',
      channel: 'in_app',
      to: 'assigned_user',
      subject: 'New booking',
      body: '{{contact.name}} booked',
    };
    expect(renderMessage(inApp, appointment(), { kind: 'internal', to: 'u1', userId: 'u1' }, senders)).toEqual({
      channel: 'in_app',
      to: 'u1',
      subject: 'New booking',
      body: 'Ada Lovelace booked',
      userId: 'u1',
    });
  });
});
