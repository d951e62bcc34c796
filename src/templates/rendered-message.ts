/**
 * A message of an automation rendered for its recipient, ready for its channel: templates filled
 * with the appointment's merge data, dates in the recipient's time zone (recipients.ts), HTML
 * escaped only where it is HTML.
 */
import type { OutboundAction } from '../domain/automation';
import type { MessageChannel } from '../domain/automation-run-rules';
import type { CalendarInvite } from './calendar-invite';
import type { MergeData } from './merge-data';
import { recipientTimezone, type Recipient } from './recipients';
import { renderTemplate } from './template-render';

export interface RenderedMessage {
  channel: MessageChannel;
  to: string;
  subject: string | null;
  /** what the message log and GET …/messages show: the text, or the HTML when there is no text */
  body: string;
  html?: string;
  text?: string;
  from?: string;
  /** in-app: the user it goes to */
  userId?: string;
  /** e-mail with `attachCalendarInvite`: the invite it carries (added by the message preparation) */
  calendarInvite?: CalendarInvite;
}

/** The From addresses of e-mails to contacts (`from`) and of internal ones (`internalFrom`). */
export interface EmailSenders {
  from: string;
  internalFrom: string;
}

/** Subject of an internal e-mail whose action gives none. */
const DEFAULT_INTERNAL_SUBJECT = 'Appointment notification';

/** Renders `action` for a recipient that has an address (`recipient.to` set); throws TemplateError. */
export function renderMessage(
  action: OutboundAction,
  merge: MergeData,
  recipient: Recipient & { to: string },
  senders: EmailSenders,
): RenderedMessage {
  const timezone = recipientTimezone(recipient.kind, merge);
  const plain = (template: string) => renderTemplate(template, merge, { escape: 'none', timezone });
  const html = (template: string) => renderTemplate(template, merge, { escape: 'html', timezone });
  const { to } = recipient;
  switch (action.type) {
    case 'send_email': {
      const text = action.text !== undefined ? plain(action.text) : undefined;
      const htmlBody = action.html !== undefined ? html(action.html) : undefined;
      const subject = plain(action.subject);
      return { channel: 'email', to, subject, body: text ?? htmlBody ?? '', text, html: htmlBody, from: senders.from };
    }
    case 'send_sms':
      return { channel: 'sms', to, subject: null, body: plain(action.body) };
    case 'internal_notification': {
      const subject = action.subject !== undefined ? plain(action.subject) : null;
      const body = plain(action.body);
      if (action.channel === 'email') {
        const emailSubject = subject ?? DEFAULT_INTERNAL_SUBJECT;
        return { channel: 'email', to, subject: emailSubject, body, text: body, from: senders.internalFrom };
      }
      if (action.channel === 'sms') return { channel: 'sms', to, subject: null, body };
      return { channel: 'in_app', to, subject, body, userId: recipient.userId };
    }
    default: {
      const unknown: never = action;
      throw new Error(`unknown action ${JSON.stringify(unknown)}`);
    }
  }
}
