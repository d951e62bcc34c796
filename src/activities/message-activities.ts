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
 * What is sent is prepared by message-preparation.ts (recipient, rendering); this file is the protocol.
 */
import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Context } from '@temporalio/activity';
import { ApplicationFailure } from '@temporalio/common';
import type { AppointmentView } from '../domain/appointment';
import { channelOf, runIsStopped } from '../domain/automation-run-rules';
import { EmailDeliveryError } from '../integrations/email/email-errors';
import type { EmailSender } from '../integrations/email/email-sender';
import { SmsDeliveryError, SmsRateLimited } from '../integrations/sms/sms-errors';
import type { SmsSender } from '../integrations/sms/sms-sender';
import type { MessageLogRepository, MessageRecord, NewMessage } from '../store/message-log-repository';
import type { NotificationsRepository } from '../store/notifications-repository';
import type { SmsOptOutsRepository } from '../store/sms-opt-outs-repository';
import type { RenderedMessage } from '../templates/rendered-message';
import { whileHeartbeating } from './heartbeat';
import type { MessageActivities, SendMessageInput, SendMessageResult } from './message-activity-types';
import {
  createMessagePreparation,
  type MessagePreparationDependencies,
  type PrepareMessage,
} from './message-preparation';

/** Attempts an e-mail the SMTP server rejects (5xx) gets before its step fails. */
export const EMAIL_REJECTION_ATTEMPTS = 3;

export interface MessageActivityDependencies extends MessagePreparationDependencies {
  email: EmailSender;
  sms: SmsSender;
  log: MessageLogRepository;
  notifications: NotificationsRepository;
  smsOptOuts: SmsOptOutsRepository;
}

export function createMessageActivities(deps: MessageActivityDependencies): MessageActivities {
  const protocol: ProtocolDependencies = { ...deps, prepareMessage: createMessagePreparation(deps) };
  return {
    sendMessage: (input: SendMessageInput) => whileHeartbeating(() => sendMessage(protocol, input)),
    async recordMessageFailure({ dedupKey, reason }) {
      await deps.log.finish(dedupKey, { status: 'failed', error: `gave up after retrying: ${reason}` });
    },
  };
}

type ProtocolDependencies = MessageActivityDependencies & { prepareMessage: PrepareMessage };

async function sendMessage(deps: ProtocolDependencies, input: SendMessageInput): Promise<SendMessageResult> {
  const logged = await deps.log.get(input.dedupKey);
  if (logged && logged.status !== 'sending') return resultOf(logged); // this execution already happened

  const prepared = await deps.prepareMessage(input.appointmentId, input.action, input.triggerStatus);
  if (!prepared.addressed) {
    const channel = channelOf(input.action);
    const row = logRow(input, { channel, to: null, subject: null, body: '' });
    await deps.log.skipped(row, prepared.reason ?? 'no recipient');
    return { status: 'skipped', channel, to: null, reason: prepared.reason };
  }
  const { message } = prepared;
  const row = logRow(input, message);
  // The run learns of a cancellation by signal, which a crash can delay past a reminder's time; the
  // appointment's own state, read just now, is the last word (unless this send had already begun).
  // So is the recipient's STOP: an opted-out number gets no request at all.
  const skipReason =
    input.skipReason ??
    (logged
      ? undefined
      : (stopReason(prepared.appointment, input.triggerStatus) ?? (await optOutReason(deps, message))));
  if (skipReason) {
    await deps.log.skipped(row, skipReason);
    return { status: 'skipped', channel: message.channel, to: message.to, reason: skipReason };
  }
  await deps.log.begin(row);
  return await sendLogged(deps, message, input);
}

/** Calls the provider for a message whose row says 'sending', then makes the row final. */
async function sendLogged(
  deps: ProtocolDependencies,
  message: RenderedMessage,
  input: SendMessageInput,
): Promise<SendMessageResult> {
  let providerId: string;
  try {
    providerId = await deliver(deps, message, input.dedupKey, input.appointmentId);
  } catch (error) {
    const reason = finalFailureReason(error); // or throws, for Temporal to retry
    await deps.log.finish(input.dedupKey, { status: 'failed', error: reason });
    return { status: 'failed', channel: message.channel, to: message.to, reason };
  }
  // The provider has it: from here until this update lands we are in the window (see the header).
  await persistently(() => deps.log.finish(input.dedupKey, { status: 'sent', providerId }));
  return { status: 'sent', channel: message.channel, to: message.to, providerId };
}

/** Hands the message to its channel's provider; the provider's ID for it (in-app: the dedup key). */
async function deliver(
  deps: ProtocolDependencies,
  message: RenderedMessage,
  dedupKey: string,
  appointmentId: string,
): Promise<string> {
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
        ...(message.calendarInvite ? { calendarInvite: message.calendarInvite } : {}),
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

/** The message log row of this action execution, with what it keeps of the message. */
function logRow(input: SendMessageInput, content: Pick<NewMessage, 'channel' | 'to' | 'subject' | 'body'>): NewMessage {
  return {
    dedupKey: input.dedupKey,
    appointmentId: input.appointmentId,
    runId: input.runId,
    stepId: input.action.id,
    channel: content.channel,
    to: content.to,
    subject: content.subject,
    body: content.body,
  };
}

/**
 * The reason to record for a delivery error that is final (the provider refused the message), or
 * throws what Temporal should retry: transient errors as they are (the row stays 'sending'),
 * rate limits with the provider's delay, an SMTP rejection for its first few attempts.
 */
function finalFailureReason(error: unknown): string {
  const rejected = (error instanceof EmailDeliveryError || error instanceof SmsDeliveryError) && !error.retryable;
  // An SMTP 5xx is final by the RFC, but some servers answer 5xx while overloaded or
  // misconfigured for a moment: a rejected e-mail gets a few attempts before the step fails.
  if (rejected && error instanceof EmailDeliveryError && Context.current().info.attempt < EMAIL_REJECTION_ATTEMPTS) {
    throw ApplicationFailure.create({ message: error.message, type: 'EmailRejected' });
  }
  if (rejected)
    return `${error.name}${'code' in error && error.code ? ` ${String(error.code)}` : ''}: ${error.message}`;
  if (error instanceof SmsRateLimited) {
    throw ApplicationFailure.create({
      message: error.message,
      type: 'SmsRateLimited',
      nextRetryDelay: error.retryAfterMs ?? 5_000,
    });
  }
  throw error; // transient: Temporal retries with backoff; the log row stays 'sending'
}

/** Why a run may send nothing more for this appointment, if so (see runIsStopped). */
function stopReason(
  appointment: AppointmentView,
  triggerStatus: SendMessageInput['triggerStatus'],
): string | undefined {
  if (!runIsStopped(appointment, triggerStatus)) return undefined;
  return appointment.deleted ? 'the appointment was deleted' : 'the appointment was cancelled';
}

/** Why an SMS must not go to its number, if so: the number replied STOP (and not START since). */
async function optOutReason(deps: ProtocolDependencies, message: RenderedMessage): Promise<string | undefined> {
  if (message.channel !== 'sms' || !(await deps.smsOptOuts.isOptedOut(message.to))) return undefined;
  return 'the recipient opted out of SMS (replied STOP; START opts back in)';
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

function resultOf(record: MessageRecord): SendMessageResult {
  return {
    status: record.status === 'sending' ? 'failed' : record.status,
    channel: record.channel,
    to: record.to,
    ...(record.providerId ? { providerId: record.providerId } : {}),
    ...(record.error ? { reason: record.error } : {}),
  };
}
