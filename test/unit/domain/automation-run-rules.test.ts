import { APPOINTMENT_STATUSES, type AppointmentStatus } from '../../../src/domain/appointment';
import { channelOf, runIsStopped } from '../../../src/domain/automation-run-rules';
import type { OutboundAction } from '../../../src/domain/automation';

describe('channelOf', () => {
  test('an e-mail action goes by e-mail, an SMS action by SMS', () => {
    expect(channelOf({ id: 'a', type: 'send_email', to: 'contact', subject: 'Hi', text: 'Hello' })).toBe('email');
    expect(channelOf({ id: 'a', type: 'send_sms', to: 'contact', body: 'Hello' })).toBe('sms');
  });

  test.each(['email', 'sms', 'in_app'] as const)('an internal notification goes by its own channel: %s', (channel) => {
    const action: OutboundAction = { id: 'a', type: 'internal_notification', channel, to: 'assigned_user', body: 'x' };
    expect(channelOf(action)).toBe(channel);
  });
});

describe('runIsStopped', () => {
  const live = (status: AppointmentStatus) => ({ deleted: false, status });

  test('a deleted appointment stops every run, whatever triggered it and whatever its status', () => {
    for (const status of APPOINTMENT_STATUSES) {
      for (const trigger of APPOINTMENT_STATUSES) expect(runIsStopped({ deleted: true, status }, trigger)).toBe(true);
    }
  });

  test('a cancellation stops the runs of other triggers', () => {
    for (const trigger of APPOINTMENT_STATUSES.filter((status) => status !== 'cancelled')) {
      expect(runIsStopped(live('cancelled'), trigger)).toBe(true);
    }
  });

  test('a run triggered by the cancellation goes on: its messages are about the cancellation', () => {
    expect(runIsStopped(live('cancelled'), 'cancelled')).toBe(false);
  });

  test('any other status lets every run go on', () => {
    for (const status of APPOINTMENT_STATUSES.filter((each) => each !== 'cancelled')) {
      for (const trigger of APPOINTMENT_STATUSES) expect(runIsStopped(live(status), trigger)).toBe(false);
    }
  });
});
