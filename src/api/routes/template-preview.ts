/**
 * `POST /v1/templates/preview`: the console's live preview. The templates are checked as publishing
 * checks them, then rendered by the same code a send uses (renderMessage), with a real appointment's
 * data as it is now, or with a sample.
 */
import type { FastifyRequest } from 'fastify';
import type { OutboundAction } from '../../domain/automation';
import type { MergeData } from '../../templates/merge-data';
import { mergeDataOf } from '../../templates/merge-data';
import { renderMessage } from '../../templates/rendered-message';
import { SAMPLE_APPOINTMENT_ID, sampleMergeData } from '../../templates/sample-merge-data';
import { SelfServiceLinks } from '../../self-service/self-service-links';
import { templateIssues } from '../../templates/template-check';
import type { ApiDependencies } from '../api-dependencies';
import { currentAppointmentView } from '../appointment-workflow';
import { ApiError, type Issue } from '../errors';
import { defineRoute } from '../route-definition';
import {
  templatePreviewRequestSchema,
  templatePreviewSchema,
  type TemplatePreviewRequest,
} from '../schemas/template-preview-schemas';
import { parseInput } from '../validation';

const TEMPLATE_FIELDS = ['subject', 'html', 'text', 'body'] as const;

const previewRoute = defineRoute({
  method: 'POST',
  url: '/v1/templates/preview',
  summary: 'Render a message step’s templates exactly as a send would, with a real or a sample appointment',
  tag: 'Automations',
  access: 'api_key',
  body: templatePreviewRequestSchema,
  responses: { 200: { description: 'the rendered templates', schema: templatePreviewSchema } },
  handler: preview,
});

export const templatePreviewRoutes = [previewRoute];

async function preview(deps: ApiDependencies, request: FastifyRequest) {
  const input = parseInput(templatePreviewRequestSchema, request.body);
  const issues: Issue[] = TEMPLATE_FIELDS.flatMap((field) => {
    const template = input[field];
    return template === undefined ? [] : templateIssues(template).map(({ message }) => ({ path: field, message }));
  });
  if (issues.length > 0) {
    throw new ApiError(400, 'invalid_template', `the template has ${issues.length} problem(s)`, issues);
  }
  const links = new SelfServiceLinks(deps.config.linkSigningKey, deps.config.publicBaseUrl);
  const merge = input.appointmentId
    ? await appointmentMergeData(deps, links, input.appointmentId)
    : sampleMergeData(new Date(), links.of(SAMPLE_APPOINTMENT_ID, 'https://book.example.com/discovery-call'));
  const recipient = {
    kind: input.to === 'contact' ? ('contact' as const) : ('internal' as const),
    to: input.to === 'contact' ? (merge.contact.email ?? 'contact') : merge.user.email,
  };
  const message = renderMessage(actionOf(input), merge, recipient, deps.config.email);
  if (input.channel === 'sms') return { body: message.body };
  return {
    ...(input.subject !== undefined ? { subject: message.subject ?? '' } : {}),
    ...(message.html !== undefined ? { html: message.html } : {}),
    ...(message.text !== undefined ? { text: message.text } : {}),
  };
}

/** The step the templates belong to, as the automation would hold it. */
function actionOf(input: TemplatePreviewRequest): OutboundAction {
  if (input.channel === 'sms') return { id: 'preview', type: 'send_sms', to: input.to, body: input.body ?? '' };
  return {
    id: 'preview',
    type: 'send_email',
    to: input.to,
    subject: input.subject ?? '',
    ...(input.html !== undefined ? { html: input.html } : {}),
    ...(input.text !== undefined ? { text: input.text } : {}),
  };
}

async function appointmentMergeData(
  deps: ApiDependencies,
  links: SelfServiceLinks,
  appointmentId: string,
): Promise<MergeData> {
  const view = await currentAppointmentView(deps, appointmentId);
  const { contacts, users, calendars } = deps.repositories;
  const [contact, user, calendar] = await Promise.all([
    contacts.get(view.contactId),
    view.assignedUserId ? users.get(view.assignedUserId) : Promise.resolve(undefined),
    calendars.get(view.calendarId),
  ]);
  return mergeDataOf(view, contact, user, calendar, links.of(view.id, calendar?.reschedulePageUrl ?? null));
}
