/**
 * Sends one message of an automation run, exactly once per action execution.
 *
 * The message log (store/message-log-repository.ts) holds one row per action execution, keyed by
 * the run's `dedupKey` (run, step, execution). The row is written as 'sending' before the provider is
 * called and made final after ('sent' with the provider's ID, 'failed', 'skipped'). An attempt that
 * finds a final row sends nothing and returns what the row says: the retry of an attempt whose
 * completion never reached Temporal, the re-execution after a crash. In-app notifications are
 * stored under the same key and the outboxes write one file per key, so those are exactly once
 * outright.
 *
 * The one window that remains, for SMTP and Twilio: the provider took the message but our row does
 * not say so yet —
 * - the connection died after the SMTP server had the whole message (end of DATA) and before its
 *   250 reached us, or Twilio created the SMS and its 201 was lost (reset, timeout); or
 * - the worker died between the provider's answer and the 'sent' update.
 * The row is still 'sending', so the next attempt sends again: the same e-mail under the same
 * Message-ID (mail systems that deduplicate on it drop the copy; others show two), the same SMS with
 * the same I-Twilio-Idempotency-Token (Twilio's Messages API does not deduplicate on it: the
 * recipient gets it twice). Neither SMTP nor the Messages API offers a reliable way to ask whether an
 * earlier attempt went through, so the window cannot be closed; it is kept to the provider's final answer
 * plus one database update: nothing else runs between `deliver` and recording the outcome, and that
 * update is retried in place for a few seconds before the attempt gives up on it.
 *
 * A crashed worker's attempt is retried when Temporal times it out: the activity's start-to-close
 * timeout, or sooner a heartbeat timeout — sendMessage heartbeats while it works.
 *
 * Messages render with the appointment's data at send time: its current view (from its workflow),
 * the contact, the assigned user and the calendar as they are now.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import { whileHeartbeating } from './heartbeat';
import { ApplicationFailure } from '@temporalio/common';
import type { Client } from '@temporalio/client';
import type { AppointmentView } from '../domain/appointment';
import type { Calendar } from '../domain/calendar';
import type { Contact } from '../domain/contact';
import type { User } from '../domain/user';
import type { Config } from '../config';
import { EmailDeliveryError } from '../integrations/email/email-errors';
import type { EmailSender } from '../integrations/email/email-sender';
import { SmsDeliveryError, SmsRateLimited } from '../integrations/sms/sms-errors';
import type { SmsSender } from '../integrations/sms/sms-sender';
import { recipientTimezone, renderTemplate, type MergeData } from '../integrations/template-renderer';
import type { CalendarsRepository } from '../store/calendars-repository';
import type { ContactsRepository } from '../store/contacts-repository';
import type { MessageLogRepository, MessageRecord, NewMessage } from '../store/message-log-repository';
import type { NotificationsRepository } from '../store/notifications-repository';
import type { UsersRepository } from '../store/users-repository';
import { appointmentViewQuery } from '../workflows/messages';
import { appointmentWorkflowId } from '../workflows/workflow-ids';
import type { MessageActivities, OutboundAction, SendMessageInput, SendMessageResult } from './message-activity-types';

/** Attempts an e-mail the SMTP server rejects (5xx) gets before its step fails. */
export const EMAIL_REJECTION_ATTEMPTS = 3;

export interface MessageActivityDependencies {
  client: Client;
  email: EmailSender;
  sms: SmsSender;
  log: MessageLogRepository;
  notifications: NotificationsRepository;
  contacts: ContactsRepository;
  users: UsersRepository;
  calendars: CalendarsRepository;
  emailConfig: Config['email'];
}

/** A rendered message, ready for its channel. */
interface Prepared {
  channel: SendMessageResult['channel'];
  to: string;
  subject: string | null;
  /** what the message log and GET …/messages show: the text, or the HTML when there is no text */
  body: string;
  html?: string;
  text?: string;
  from?: string;
  /** in-app: the user it goes to */
  userId?: string;
}

type Recipient = { kind: 'contact' | 'internal'; to: string | null; userId?: string; missing?: string };

export function createMessageActivities(deps: MessageActivityDependencies): MessageActivities {
  return {
    sendMessage: (input: SendMessageInput) => whileHeartbeating(() => sendMessage(input)),
    async recordMessageFailure({ dedupKey, reason }) {
      await deps.log.finish(dedupKey, { status: 'failed', error: `gave up after retrying: ${reason}` });
    },
  };

  async function sendMessage(input: SendMessageInput): Promise<SendMessageResult> {
    const logged = await deps.log.get(input.dedupKey);
    if (logged && logged.status !== 'sending') return resultOf(logged); // this execution already happened

    const data = await loadMergeData(input.appointmentId);
    const base: Omit<NewMessage, 'channel' | 'to' | 'subject' | 'body'> = {
      dedupKey: input.dedupKey,
      appointmentId: input.appointmentId,
      runId: input.runId,
      stepId: input.action.id,
    };
    const recipient = await resolveRecipient(input.action, data);
    if (!recipient.to) {
      const message = { ...base, channel: channelOf(input.action), to: null, subject: null, body: '' };
      await deps.log.skipped(message, recipient.missing ?? 'no recipient');
      return { status: 'skipped', channel: message.channel, to: null, reason: recipient.missing };
    }
    const prepared = render(input.action, data.merge, recipient);
    // The run learns of a cancellation by signal, which a crash can delay past a reminder's time; the
    // appointment's own state, read just now, is the last word (unless this send had already begun).
    const skipReason = input.skipReason ?? (logged ? undefined : stoppedReason(data.view, input.triggerStatus));
    if (skipReason) {
      await deps.log.skipped(
        { ...base, channel: prepared.channel, to: prepared.to, subject: prepared.subject, body: prepared.body },
        skipReason,
      );
      return { status: 'skipped', channel: prepared.channel, to: prepared.to, reason: skipReason };
    }
    await deps.log.begin({
      ...base,
      channel: prepared.channel,
      to: prepared.to,
      subject: prepared.subject,
      body: prepared.body,
    });

    let providerId: string;
    try {
      providerId = await deliver(prepared, input.dedupKey, input.appointmentId);
    } catch (error) {
      const rejected = (error instanceof EmailDeliveryError || error instanceof SmsDeliveryError) && !error.retryable;
      // An SMTP 5xx is final by the RFC, but some servers answer 5xx while overloaded or
      // misconfigured for a moment: a rejected e-mail gets a few attempts before the step fails.
      if (
        rejected &&
        error instanceof EmailDeliveryError &&
        Context.current().info.attempt < EMAIL_REJECTION_ATTEMPTS
      ) {
        throw ApplicationFailure.create({ message: error.message, type: 'EmailRejected' });
      }
      if (rejected) {
        const reason = `${error.name}${'code' in error && error.code ? ` ${String(error.code)}` : ''}: ${error.message}`;
        await deps.log.finish(input.dedupKey, { status: 'failed', error: reason });
        return { status: 'failed', channel: prepared.channel, to: prepared.to, reason };
      }
      if (error instanceof SmsRateLimited) {
        throw ApplicationFailure.create({
          message: error.message,
          type: 'SmsRateLimited',
          nextRetryDelay: error.retryAfterMs ?? 5_000,
        });
      }
      throw error; // transient: Temporal retries with backoff; the log row stays 'sending'
    }
    // The provider has it: from here until this update lands we are in the window (see the header).
    await persistently(() => deps.log.finish(input.dedupKey, { status: 'sent', providerId }));
    return { status: 'sent', channel: prepared.channel, to: prepared.to, providerId };
  }

  async function loadMergeData(
    appointmentId: string,
  ): Promise<{ view: AppointmentView; contact: Contact | undefined; user: User | undefined; merge: MergeData }> {
    const view = await deps.client.workflow.getHandle(appointmentWorkflowId(appointmentId)).query(appointmentViewQuery);
    if (!view) throw ApplicationFailure.nonRetryable(`appointment ${appointmentId} has no data`, 'AppointmentMissing');
    const [contact, user, calendar] = await Promise.all([
      deps.contacts.get(view.contactId),
      view.assignedUserId ? deps.users.get(view.assignedUserId) : Promise.resolve(undefined),
      deps.calendars.get(view.calendarId),
    ]);
    return { view, contact, user, merge: mergeData(view, contact, user, calendar) };
  }

  async function resolveRecipient(
    action: OutboundAction,
    data: { contact: Contact | undefined; user: User | undefined },
  ): Promise<Recipient> {
    const { contact, user } = data;
    const userMissing = 'the appointment has no assigned user';
    switch (action.type) {
      case 'send_email':
        if (action.to === 'contact')
          return { kind: 'contact', to: contact?.email ?? null, missing: 'the contact has no e-mail address' };
        if (action.to === 'assigned_user') return { kind: 'internal', to: user?.email ?? null, missing: userMissing };
        return { kind: 'contact', to: action.to };
      case 'send_sms':
        if (action.to === 'contact')
          return { kind: 'contact', to: contact?.phone ?? null, missing: 'the contact has no phone number' };
        if (action.to === 'assigned_user')
          return {
            kind: 'internal',
            to: user?.phone ?? null,
            missing: user ? 'the assigned user has no phone number' : userMissing,
          };
        return { kind: 'contact', to: action.to };
      case 'internal_notification': {
        let target: User | undefined;
        if (action.to === 'assigned_user') target = user;
        else if (typeof action.to === 'object') target = await deps.users.get(action.to.userId);
        else {
          return action.channel === 'in_app'
            ? { kind: 'internal', to: null, missing: 'in-app notifications go to users' }
            : { kind: 'internal', to: action.to };
        }
        if (!target)
          return {
            kind: 'internal',
            to: null,
            missing: typeof action.to === 'object' ? `unknown user ${action.to.userId}` : userMissing,
          };
        if (action.channel === 'email') return { kind: 'internal', to: target.email, userId: target.id };
        if (action.channel === 'sms')
          return {
            kind: 'internal',
            to: target.phone,
            userId: target.id,
            missing: `user ${target.id} has no phone number`,
          };
        return { kind: 'internal', to: target.id, userId: target.id };
      }
      default: {
        const unknown: never = action;
        throw ApplicationFailure.nonRetryable(`unknown action ${JSON.stringify(unknown)}`);
      }
    }
  }

  function render(action: OutboundAction, merge: MergeData, recipient: Recipient): Prepared {
    const timezone = recipientTimezone(recipient.kind, merge);
    const plain = (template: string) => renderTemplate(template, merge, { escape: 'none', timezone });
    const html = (template: string) => renderTemplate(template, merge, { escape: 'html', timezone });
    const to = recipient.to as string;
    switch (action.type) {
      case 'send_email': {
        const text = action.text !== undefined ? plain(action.text) : undefined;
        const htmlBody = action.html !== undefined ? html(action.html) : undefined;
        return {
          channel: 'email',
          to,
          subject: plain(action.subject),
          body: text ?? htmlBody ?? '',
          text,
          html: htmlBody,
          from: deps.emailConfig.from,
        };
      }
      case 'send_sms':
        return { channel: 'sms', to, subject: null, body: plain(action.body) };
      case 'internal_notification': {
        const subject = action.subject !== undefined ? plain(action.subject) : null;
        const body = plain(action.body);
        if (action.channel === 'email') {
          return {
            channel: 'email',
            to,
            subject: subject ?? 'Appointment notification',
            body,
            text: body,
            from: deps.emailConfig.internalFrom,
          };
        }
        if (action.channel === 'sms') return { channel: 'sms', to, subject: null, body };
        return { channel: 'in_app', to, subject, body, userId: recipient.userId };
      }
      default: {
        const unknown: never = action;
        throw ApplicationFailure.nonRetryable(`unknown action ${JSON.stringify(unknown)}`);
      }
    }
  }

  async function deliver(message: Prepared, dedupKey: string, appointmentId: string): Promise<string> {
    switch (message.channel) {
      case 'email': {
        const sent = await deps.email.send({
          from: message.from as string,
          to: message.to,
          subject: message.subject ?? '',
          ...(message.html !== undefined ? { html: message.html } : {}),
          ...(message.text !== undefined ? { text: message.text } : {}),
          messageId: messageIdFor(dedupKey),
          headers: { 'X-Appointment-Id': appointmentId },
        });
        return sent.providerId;
      }
      case 'sms':
        return (await deps.sms.send({ to: message.to, body: message.body, idempotencyKey: dedupKey })).providerId;
      case 'in_app':
        await deps.notifications.create(dedupKey, message.userId as string, {
          subject: message.subject,
          body: message.body,
          appointmentId,
        });
        return dedupKey;
    }
  }
}

/** Delays between the tries of recording a delivery: a database blip must not cost a second copy. */
const RECORD_RETRY_DELAYS_MS = [100, 400, 1_000, 2_500];

/** `write` (idempotent), tried again after each of RECORD_RETRY_DELAYS_MS before its error is thrown. */
async function persistently(write: () => Promise<void>): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await write();
    } catch (error) {
      const delay = RECORD_RETRY_DELAYS_MS[attempt];
      if (delay === undefined) throw error;
      await sleep(delay);
    }
  }
}

/** A stable RFC 5322 Message-ID per (run, step, execution): readable prefix plus a hash for uniqueness. */
export function messageIdFor(dedupKey: string): string {
  const readable = dedupKey
    .replace(/[^A-Za-z0-9.-]+/g, '.')
    .replace(/^\.+|\.+$/g, '')
    .slice(0, 120);
  const digest = createHash('sha256').update(dedupKey).digest('hex').slice(0, 16);
  return `<${readable}.${digest}@appointment-engine>`;
}

/** Why a run may send nothing more for this appointment, if so (cancellation runs still may). */
function stoppedReason(view: AppointmentView, triggerStatus: SendMessageInput['triggerStatus']): string | undefined {
  if (view.deleted) return 'the appointment was deleted';
  if (view.status === 'cancelled' && triggerStatus !== 'cancelled') return 'the appointment was cancelled';
  return undefined;
}

function channelOf(action: OutboundAction): SendMessageResult['channel'] {
  if (action.type === 'send_email') return 'email';
  if (action.type === 'send_sms') return 'sms';
  return action.channel;
}

function resultOf(record: MessageRecord): SendMessageResult {
  return {
    status: record.status === 'sending' ? 'failed' : record.status,
    channel: record.channel,
    to: record.to,
    ...(record.providerId ? { providerId: record.providerId } : {}),
    ...(record.error ? { reason: record.error } : {}),
  };
}

function mergeData(
  view: AppointmentView,
  contact: Contact | undefined,
  user: User | undefined,
  calendar: Calendar | undefined,
): MergeData {
  return {
    appointment: {
      id: view.id,
      title: view.title,
      notes: view.notes,
      status: view.status,
      startTime: view.startTime,
      endTime: view.endTime,
      meetingLocation: view.meetingLocation,
    },
    contact: {
      firstName: contact?.firstName ?? '',
      lastName: contact?.lastName ?? null,
      email: contact?.email ?? null,
      phone: contact?.phone ?? null,
      timezone: contact?.timezone ?? null,
    },
    user: {
      name: user?.name ?? '',
      email: user?.email ?? '',
      phone: user?.phone ?? null,
      timezone: user?.timezone ?? '',
    },
    calendar: { name: calendar?.name ?? '', timezone: calendar?.timezone ?? null },
  };
}
