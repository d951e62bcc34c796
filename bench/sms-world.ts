/**
 * A world whose automation sends one SMS reminder before each appointment, to the Twilio fake, on a
 * calendar with a static location (no Zoom: the figures that use it are about timers and scale).
 * Each SMS names its appointment, so the time it arrived can be set against the time it was due.
 */
import { startTwilioFake, type TwilioFake } from '../test/fakes/twilio-fake';
import type { BenchContext, BenchEngine } from './bench-context';
import { createBookingWorld, type BookingWorld } from './booking-setup';

export interface SmsWorld {
  t: BenchEngine;
  twilio: TwilioFake;
  world: BookingWorld;
  /** when the SMS of each appointment arrived at the fake (Date.now()), by appointment ID */
  arrivals(): Map<string, number>;
  stop(): Promise<void>;
}

export async function createSmsWorld(context: BenchContext, reminderOffset: string): Promise<SmsWorld> {
  const twilio = await startTwilioFake();
  const t = await context.startEngine({
    TWILIO_ACCOUNT_SID: twilio.accountSid,
    TWILIO_AUTH_TOKEN: twilio.authToken,
    TWILIO_FROM_NUMBER: '+15005550006',
    TWILIO_API_BASE_URL: twilio.baseUrl,
  });
  const world = await createBookingWorld(t.api, undefined, {
    hosts: 1,
    slotCapacity: 1_000,
    location: { type: 'static', value: 'Room 4' },
    actions: [
      { id: 'before', type: 'wait_for_appointment_time', offset: reminderOffset, ifPassed: 'next' },
      { id: 'reminder', type: 'send_sms', to: 'contact', body: 'reminder {{appointment.id}}' },
    ],
  });
  return {
    t,
    twilio,
    world,
    arrivals: () =>
      new Map(
        twilio.requests.log
          .filter((request) => request.status === 201)
          .map((request) => [String(request.form.Body).replace('reminder ', ''), request.at]),
      ),
    async stop() {
      await t.stop();
      await twilio.close();
    },
  };
}
