/** Which automations an appointment event starts: status and booked triggers, their filters, sources. */
import type { AutomationTrigger } from '../../../src/domain/automation';
import { automationFires, triggerMatches, type TriggerEvent } from '../../../src/domain/trigger-matching';

const event = (overrides: Partial<TriggerEvent> = {}): TriggerEvent => ({
  calendarId: 'cal-1',
  assignedUserId: 'u-1',
  eventType: 'one_time',
  status: 'confirmed',
  source: 'api',
  booked: false,
  ...overrides,
});

const onStatus = (filters: Partial<Extract<AutomationTrigger, { type: 'appointment_status' }>['filters']> = {}) =>
  ({
    type: 'appointment_status',
    filters: { eventType: 'any', statuses: ['confirmed'], ...filters },
  }) as AutomationTrigger;

const onBooking = (filters: Extract<AutomationTrigger, { type: 'appointment_booked' }>['filters'] = {}) =>
  ({ type: 'appointment_booked', filters }) as AutomationTrigger;

describe('appointment_status', () => {
  test('fires on its statuses, event type, calendars and users, as before', () => {
    expect(triggerMatches(onStatus(), event())).toBe(true);
    expect(triggerMatches(onStatus(), event({ status: 'new' }))).toBe(false);
    expect(triggerMatches(onStatus({ eventType: 'recurring' }), event())).toBe(false);
    expect(triggerMatches(onStatus({ calendarIds: ['cal-2'] }), event())).toBe(false);
    expect(triggerMatches(onStatus({ userIds: ['u-1'] }), event({ assignedUserId: null }))).toBe(false);
    // a booking in a matching status is a status event too
    expect(triggerMatches(onStatus(), event({ booked: true }))).toBe(true);
  });

  test('with sources, fires only on changes made by one of them; without, on every source', () => {
    const fromContact = onStatus({ sources: ['contact'] });
    expect(triggerMatches(fromContact, event({ source: 'contact' }))).toBe(true);
    for (const source of ['api', 'user', 'automation'] as const)
      expect({ source, fires: triggerMatches(fromContact, event({ source })) }).toEqual({ source, fires: false });
    expect(triggerMatches(onStatus({ sources: ['api', 'user'] }), event({ source: 'user' }))).toBe(true);
    for (const source of ['api', 'contact', 'user', 'automation'] as const)
      expect({ source, fires: triggerMatches(onStatus(), event({ source })) }).toEqual({ source, fires: true });
  });
});

describe('appointment_booked', () => {
  test('fires on the creation whatever its status, never on a later change', () => {
    for (const status of ['new', 'confirmed'] as const)
      expect({ status, fires: triggerMatches(onBooking(), event({ status, booked: true })) }).toEqual({
        status,
        fires: true,
      });
    expect(triggerMatches(onBooking(), event({ status: 'confirmed', booked: false }))).toBe(false);
    expect(triggerMatches(onBooking(), event({ status: 'cancelled', booked: false }))).toBe(false);
  });

  test('its calendar, user and source filters all must hold', () => {
    const booking = event({ booked: true, source: 'user' });
    expect(triggerMatches(onBooking({ calendarIds: ['cal-1'], userIds: ['u-1'], sources: ['user'] }), booking)).toBe(
      true,
    );
    expect(triggerMatches(onBooking({ calendarIds: ['cal-2'] }), booking)).toBe(false);
    expect(triggerMatches(onBooking({ userIds: ['u-2'] }), booking)).toBe(false);
    expect(triggerMatches(onBooking({ userIds: ['u-1'] }), { ...booking, assignedUserId: null })).toBe(false);
    expect(triggerMatches(onBooking({ sources: ['api'] }), booking)).toBe(false);
  });

  test('a stored definition without filters matches every booking', () => {
    expect(triggerMatches({ type: 'appointment_booked' } as AutomationTrigger, event({ booked: true }))).toBe(true);
  });
});

describe('an automation never re-triggers itself', () => {
  const automation = { id: 'au-1', trigger: onStatus({ statuses: ['confirmed', 'cancelled'] }) };

  test('its own change does not start it, even when its trigger matches', () => {
    const own = event({ source: 'automation', sourceAutomationId: 'au-1' });
    expect(triggerMatches(automation.trigger, own)).toBe(true);
    expect(automationFires(automation, own)).toBe(false);
    expect(automationFires(automation, { ...own, status: 'cancelled' })).toBe(false);
  });

  test("another automation's change starts it, unless its sources leave automations out", () => {
    const other = event({ source: 'automation', sourceAutomationId: 'au-2' });
    expect(automationFires(automation, other)).toBe(true);
    const humansOnly = { id: 'au-1', trigger: onStatus({ sources: ['api', 'user', 'contact'] }) };
    expect(automationFires(humansOnly, other)).toBe(false);
  });

  test('its own creation of a booking does not start its booked trigger either', () => {
    const booking = { id: 'au-1', trigger: onBooking() };
    expect(automationFires(booking, event({ booked: true, source: 'automation', sourceAutomationId: 'au-1' }))).toBe(
      false,
    );
    expect(automationFires(booking, event({ booked: true, source: 'api' }))).toBe(true);
  });
});
