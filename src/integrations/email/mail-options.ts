import type { OutgoingEmail } from './email-sender';

/**
 * The nodemailer message of an outgoing e-mail, the same for the SMTP sender and the outbox. The
 * bodies are rendered templates: a value must never be read as a file path or a URL.
 */
export function mailOptions(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    ...(email.html !== undefined ? { html: email.html } : {}),
    ...(email.text !== undefined ? { text: email.text } : {}),
    messageId: email.messageId,
    ...(email.headers ? { headers: email.headers } : {}),
    // nodemailer puts it in twice, as clients expect: a text/calendar alternative with the method in
    // its Content-Type, and an application/ics attachment
    ...(email.calendarInvite
      ? {
          icalEvent: {
            method: email.calendarInvite.method,
            filename: 'invite.ics',
            content: email.calendarInvite.content,
          },
        }
      : {}),
    disableFileAccess: true,
    disableUrlAccess: true,
  };
}
