/**
 * What the delivery suites do through the HTTP API, and what they read back from it: set up a
 * calendar without Zoom, list an appointment's messages, read its timeline, wait for its run to end.
 * Publishing and booking are the harness's (automation-publishing.ts, bookings.ts).
 */
import type { ApiClient } from '../harness/api-client';
import { eventually } from '../harness/engine';
import { createBookingSetup } from '../harness/reference-data';

/** One entry of GET /v1/appointments/{id}/messages (API.md). */
export interface MessageView {
  runId: string;
  stepId: string;
  channel: 'email' | 'sms' | 'in_app';
  to: string | null;
  subject?: string;
  body: string;
  status: 'sent' | 'failed' | 'skipped';
  providerId?: string;
  reason?: string;
  at: string;
}

export interface TimelineEntryView {
  at: string;
  type: string;
  stepId?: string;
  channel?: string;
  to?: string;
  providerId?: string;
  reason?: string;
}

export const MEETING_PLACE = 'Room 4, 12 Main Street';

/** A host, a contact and a calendar with a static location (no Zoom: these suites are about messages). */
export async function deliverySetup(api: ApiClient, contact: Record<string, unknown> = {}) {
  const setup = await createBookingSetup(api, { location: { type: 'static', value: MEETING_PLACE }, contact });
  return { ...setup, contactEmail: `${setup.contactId}@example.org`, hostEmail: `${setup.hostId}@example.com` };
}
export type DeliverySetup = Awaited<ReturnType<typeof deliverySetup>>;

/** A whole hour about two days after `nowMs`: far enough that nothing about the start has passed. */
export const twoDaysAfter = (nowMs: number) => Math.floor(nowMs / 3_600_000) * 3_600_000 + 48 * 3_600_000;

export async function messagesOf(api: ApiClient, appointmentId: string): Promise<MessageView[]> {
  const response = await api.get(`/v1/appointments/${appointmentId}/messages`);
  if (response.status !== 200) throw new Error(`GET messages: ${response.status}`);
  return response.body as MessageView[];
}

export async function timelineOf(api: ApiClient, appointmentId: string): Promise<TimelineEntryView[]> {
  return ((await api.get(`/v1/appointments/${appointmentId}`)).body as { timeline: TimelineEntryView[] }).timeline;
}

/** The message entries (message.sent / failed / skipped) of the appointment's timeline. */
export async function messageEventsOf(api: ApiClient, appointmentId: string): Promise<TimelineEntryView[]> {
  return (await timelineOf(api, appointmentId)).filter((entry) => entry.type.startsWith('message.'));
}

/** Waits until the appointment's only automation run has ended; returns its status. */
export async function runEnded(api: ApiClient, appointmentId: string, timeoutMs?: number): Promise<string> {
  return eventually(
    'the automation run to end',
    async () => {
      const runs = (
        (await api.get(`/v1/appointments/${appointmentId}`)).body as { automationRuns: { status: string }[] }
      ).automationRuns;
      return runs.length === 1 && runs[0]!.status !== 'running' ? runs[0]!.status : undefined;
    },
    timeoutMs,
  );
}

/** The appointment's messages once its run has ended: no attempt or retry is still pending. */
export async function messagesAfterRun(
  api: ApiClient,
  appointmentId: string,
  timeoutMs?: number,
): Promise<MessageView[]> {
  await runEnded(api, appointmentId, timeoutMs);
  return messagesOf(api, appointmentId);
}
