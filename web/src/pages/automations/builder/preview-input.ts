import type { ActionOfType, TemplatePreviewInput } from '../../../api/api-types';

export type MessageAction = ActionOfType<'send_email' | 'send_sms' | 'internal_notification'>;

/**
 * What the server renders for a step's preview. Internal notifications are plain text on every
 * channel (see src/templates/rendered-message.ts): previewed as an e-mail's text part, or as an SMS.
 */
export function previewInput(action: MessageAction, appointmentId: string): TemplatePreviewInput {
  const appointment = appointmentId ? { appointmentId } : {};
  switch (action.type) {
    case 'send_email':
      return {
        channel: 'email',
        subject: action.subject,
        ...(action.html !== undefined ? { html: action.html } : {}),
        ...(action.text !== undefined ? { text: action.text } : {}),
        ...appointment,
      };
    case 'send_sms':
      return { channel: 'sms', body: action.body, ...appointment };
    case 'internal_notification':
      return action.channel === 'sms'
        ? { channel: 'sms', body: action.body, ...appointment }
        : {
            channel: 'email',
            ...(action.subject !== undefined ? { subject: action.subject } : {}),
            text: action.body,
            ...appointment,
          };
    default: {
      const unknown: never = action;
      throw new Error(`unknown message action ${JSON.stringify(unknown)}`);
    }
  }
}
