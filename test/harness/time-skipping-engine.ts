/**
 * The whole engine (API, worker, activities, store) on a time-skipping test server, with the Zoom,
 * SMTP and Twilio fakes: weeks of reminders pass in seconds with `advanceTo`/`advanceBy`.
 */
import type { TestWorkflowEnvironment } from '@temporalio/testing';
import { startSmtpFake, type SmtpFake } from '../fakes/smtp-fake';
import { startTwilioFake, type TwilioFake } from '../fakes/twilio-fake';
import { startZoomFake, type ZoomFake } from '../fakes/zoom-fake';
import { startTestEngine, zoomEnv, type TestEngine, type TestEngineOptions } from './engine';
import { createTimeSkippingEnv } from './time-skipping';
import { hostWithZoom } from './zoom-connect';
import { type createBookingSetup } from './reference-data';

export interface TimeSkippingEngine extends TestEngine {
  env: TestWorkflowEnvironment;
  zoom: ZoomFake;
  smtp: SmtpFake;
  twilio: TwilioFake;
  /** the test server's clock (workflow time) */
  now(): Promise<number>;
  advanceBy(ms: number): Promise<void>;
  advanceTo(at: number | string): Promise<void>;
}

/** `engineEnv` and `options` go to startTestEngine (e.g. `LOG_LEVEL` and a log destination to read the logs). */
export async function startTimeSkippingEngine(
  engineEnv: Record<string, string> = {},
  options: TestEngineOptions = {},
): Promise<TimeSkippingEngine> {
  const env = await createTimeSkippingEnv();
  const [zoom, smtp, twilio] = await Promise.all([startZoomFake(), startSmtpFake(), startTwilioFake()]);
  const engine = await startTestEngine(
    {
      TEMPORAL_ADDRESS: env.address,
      ...zoomEnv(zoom),
      SMTP_URL: smtp.url,
      TWILIO_ACCOUNT_SID: twilio.accountSid,
      TWILIO_AUTH_TOKEN: twilio.authToken,
      TWILIO_FROM_NUMBER: '+15005550006',
      TWILIO_API_BASE_URL: twilio.baseUrl,
      EMAIL_FROM: 'Clinic <notifications@clinic.example>',
      INTERNAL_EMAIL_FROM: 'do-not-reply@clinic.example',
      ...engineEnv,
    },
    options,
  );
  const now = async () => Number(await env.currentTimeMs());
  const advanceBy = async (ms: number) => {
    if (ms > 0) await env.sleep(ms);
  };
  return {
    ...engine,
    env,
    zoom,
    smtp,
    twilio,
    now,
    advanceBy,
    advanceTo: async (at) => advanceBy((typeof at === 'string' ? Date.parse(at) : at) - (await now())),
    async stop() {
      await engine.stop();
      await env.teardown();
      await Promise.all([zoom.close(), smtp.close(), twilio.close()]);
    },
  };
}

/** A host with Zoom connected, a contact, a round-robin Zoom calendar. */
export function zoomBookingSetup(t: TimeSkippingEngine, options: Parameters<typeof createBookingSetup>[1] = {}) {
  return hostWithZoom(t.api, t.zoom, options);
}
