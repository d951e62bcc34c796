/**
 * What a contact's SMS reply does (PRODUCT.md "Two-way SMS"): STOP and its synonyms opt the number
 * out of SMS, START back in; C, Y or YES confirm the sender's next appointment, the same lifecycle
 * change as `PATCH {"status": "confirmed"}`, made with source `contact` (so automations that filter
 * on sources see who did it). A reply from a contact's number is noted on that next appointment's
 * timeline (`sms.reply_received` with the keyword), before the change it brings.
 *
 * The opt-out is about the number, whoever it belongs to (a contact, a host, a number written in a
 * step): Twilio stops delivering to it all the same, and our own list spares the request. Confirming
 * needs a contact with that number and an appointment ahead.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { DateTime, IANAZone } from 'luxon';
import type { AppointmentView } from '../domain/appointment';
import type { SmsReply } from '../domain/sms-reply';
import { editAppointmentUpdate, recordTimelineNoteUpdate } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';
import type { ApiDependencies } from './api-dependencies';
import { nextAppointmentOf } from './next-appointment';

export interface SmsReplyOutcome {
  /** the text to answer with (a confirmation's acknowledgement); none: answer nothing */
  answer?: string;
}

/**
 * Carries out `reply` from `phone`. `messageId` (Twilio's MessageSid) names the updates it makes, so
 * that Twilio delivering the same message twice notes and confirms once.
 */
export async function actOnSmsReply(
  deps: ApiDependencies,
  phone: string,
  reply: SmsReply,
  messageId: string | undefined,
): Promise<SmsReplyOutcome> {
  const { repositories, logger } = deps;
  if (reply.intent === 'opt_out') await repositories.smsOptOuts.optOut(phone, reply.keyword);
  if (reply.intent === 'opt_in') await repositories.smsOptOuts.optIn(phone);

  const contacts = await repositories.contacts.listByPhone(phone);
  const appointment = await nextAppointmentOf(
    deps,
    contacts.map((contact) => contact.id),
  );
  if (!appointment) return {};
  const handle = deps.temporal.workflow.getHandle(appointmentWorkflowId(appointment.id));
  try {
    await handle.executeUpdate(recordTimelineNoteUpdate, {
      args: [
        { type: 'sms.reply_received', source: 'contact', details: { keyword: reply.keyword, intent: reply.intent } },
      ],
      ...(messageId ? { updateId: `sms-reply:${messageId}` } : {}),
    });
    if (reply.intent !== 'confirm') return {};
    const confirmed = await handle.executeUpdate(editAppointmentUpdate, {
      args: [{ status: 'confirmed', source: 'contact' }],
      ...(messageId ? { updateId: `sms-confirm:${messageId}` } : {}),
    });
    logger.info({ appointmentId: appointment.id }, 'appointment confirmed by SMS reply');
    return { answer: await acknowledgement(deps, confirmed) };
  } catch (error) {
    // the appointment started, was cancelled or deleted since we found it: nothing to confirm
    if (!(error instanceof WorkflowUpdateFailedError)) throw error;
    logger.info({ appointmentId: appointment.id, refusal: error.cause?.message }, 'SMS reply not taken');
    return {};
  }
}

/** "Thanks, your appointment on Monday, November 30, 2026 3:00 PM is confirmed.", read in the contact's time zone. */
async function acknowledgement({ repositories }: ApiDependencies, appointment: AppointmentView): Promise<string> {
  const [contact, calendar] = await Promise.all([
    repositories.contacts.get(appointment.contactId),
    repositories.calendars.get(appointment.calendarId),
  ]);
  // the zone a contact's messages use (templates/recipients.ts): the contact's, the calendar's, UTC
  const zone = [contact?.timezone, calendar?.timezone].find(
    (candidate) => candidate && IANAZone.isValidZone(candidate),
  );
  const when = DateTime.fromISO(appointment.startTime, { zone: zone ?? 'UTC' }).setLocale('en-US');
  return `Thanks, your appointment on ${when.toFormat(START_TIME_FORMAT)} is confirmed.`;
}

/** `{{appointment.start_time}}`'s format (PRODUCT.md section 5) */
const START_TIME_FORMAT = 'cccc, LLLL d, yyyy h:mm a';
