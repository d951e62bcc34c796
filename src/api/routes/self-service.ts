/**
 * The contact's self-service pages (API.md "Self-service links"): `GET /a/{token}/cancel` and
 * `GET /a/{token}/confirm` show the appointment and ask once; `POST` to the same path makes the
 * same lifecycle change as the API's PATCH, with source `contact`. Public: the signed token is the
 * contact's only credential. Every answer is an HTML page, refusals included (404 for a token that
 * leads nowhere, 410 for one that no longer works); the timeline records each opening.
 */
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { AppointmentView } from '../../domain/appointment';
import { linkRefusal, UNKNOWN_LINK, type LinkRefusal, type PageAction } from '../../self-service/link-state';
import { LinkTokens } from '../../self-service/link-tokens';
import { mergeDataOf, mergeFieldValues } from '../../templates/merge-data';
import { recipientTimezone } from '../../templates/recipients';
import {
  editAppointmentUpdate,
  MAX_LINK_EVENTS,
  selfServiceLinkSignal,
  type SelfServiceLinkEvent,
} from '../../workflows/messages';
import { appointmentWorkflowId } from '../../workflows/workflow-ids';
import type { ApiDependencies } from '../api-dependencies';
import { currentAppointmentView } from '../appointment-workflow';
import { ApiError } from '../errors';
import { defineRoute, type RouteDefinition } from '../route-definition';
import { refusalPage, sendSelfServicePage, type SelfServicePage } from '../self-service/self-service-page';
import { isTemporalUnavailable } from '../temporal-unavailable';

const TAG = 'Self-service pages';

const tokenParams = z.object({
  token: z.string().meta({ description: 'the token of the link in the message (signed, bound to the appointment)' }),
});

/** The page's form posts nothing but itself (form-encoded, as a browser sends it). */
const FORM = 'application/x-www-form-urlencoded';
const emptyForm = z.object({}).optional().meta({ description: 'the page’s form, which has no fields' });

const page = (description: string) => ({ description, contentType: 'text/html' });
const PAGE_RESPONSES = {
  404: page('a page saying the link is not valid (malformed, altered, or of no appointment)'),
  410: page('a page saying the link no longer works: the appointment started, was cancelled or deleted'),
};

/** What each page asks, and says once done. */
const WORDING: Record<PageAction, { ask: string; explain: string; button: string; done: string; thanks: string }> = {
  cancel: {
    ask: 'Cancel this appointment?',
    explain: 'If you cancel, the time is freed and you will get no more reminders for it.',
    button: 'Cancel the appointment',
    done: 'Your appointment is cancelled',
    thanks: 'Thank you for letting us know. You can close this page.',
  },
  confirm: {
    ask: 'Confirm this appointment?',
    explain: 'Let us know that you will be there.',
    button: 'Confirm the appointment',
    done: 'Your appointment is confirmed',
    thanks: 'Thank you, see you then. You can close this page.',
  },
};

function pageRoutes(action: PageAction): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: `/a/:token/${action}`,
      summary: `The contact's page to ${action} their appointment: shows it and asks once (HTML, no API key)`,
      tag: TAG,
      access: 'public',
      params: tokenParams,
      responses: { 200: page(`the appointment and a button to ${action} it`), ...PAGE_RESPONSES },
      handler: (deps, request, reply) => answer(deps, request, reply, action, 'ask'),
    }),
    defineRoute({
      method: 'POST',
      url: `/a/:token/${action}`,
      summary: `The contact ${action}s their appointment (the page's form; source contact), answered with a page`,
      tag: TAG,
      access: 'public',
      params: tokenParams,
      // the page's form posts form-encoded (a route must say so: JSON routes refuse forms)
      body: emptyForm,
      bodyContentType: FORM,
      responses: { 200: page(`a page saying the appointment is ${action}ed`), ...PAGE_RESPONSES },
      handler: (deps, request, reply) => answer(deps, request, reply, action, 'act'),
    }),
  ];
}

export const selfServiceRoutes = [...pageRoutes('cancel'), ...pageRoutes('confirm')];

/** Every outcome is a page: errors of the engine too (a 503 when Temporal cannot answer now). */
async function answer(
  deps: ApiDependencies,
  request: FastifyRequest,
  reply: FastifyReply,
  action: PageAction,
  step: 'ask' | 'act',
): Promise<FastifyReply> {
  try {
    return sendSelfServicePage(reply, await pageFor(deps, request, action, step));
  } catch (error) {
    if (isTemporalUnavailable(error)) {
      reply.header('retry-after', '5');
      return sendSelfServicePage(reply, {
        status: 503,
        heading: 'Please try again in a moment',
        sentence: 'We could not reach your appointment just now. Nothing was changed.',
      });
    }
    deps.logger.error({ err: error, route: request.routeOptions.url }, 'self-service page failed');
    return sendSelfServicePage(reply, {
      status: 500,
      heading: 'Something went wrong',
      sentence: 'We could not complete this just now. Please try again later, or contact us.',
    });
  }
}

async function pageFor(
  deps: ApiDependencies,
  request: FastifyRequest,
  action: PageAction,
  step: 'ask' | 'act',
): Promise<SelfServicePage> {
  const { token } = request.params as { token?: unknown };
  const tokens = new LinkTokens(deps.config.linkSigningKey);
  const appointmentId = typeof token === 'string' ? tokens.verify(token, action) : undefined;
  const view = appointmentId === undefined ? undefined : await existingView(deps, appointmentId);
  if (!view) return refusalPage(UNKNOWN_LINK);

  const appointment = await shownAppointment(deps, view);
  const refusal = linkRefusal(view, action, Date.now());
  // HEAD (a link checker) reads the page without it counting as the contact's click
  const recording = request.method !== 'HEAD';
  if (refusal) {
    if (recording) await noteLinkEvent(deps, view, { action, outcome: 'refused', reason: refusal.reason });
    return refusalPage(refusal, view.deleted ? undefined : appointment);
  }
  const wording = WORDING[action];
  if (step === 'ask') {
    if (recording) await noteLinkEvent(deps, view, { action, outcome: 'opened' });
    return { status: 200, heading: wording.ask, sentence: wording.explain, appointment, button: wording.button };
  }
  const refused = await changeAsContact(deps, view.id, action);
  if (refused) {
    // it started, was cancelled or deleted between our read and the change: say which, as now
    const now = await existingView(deps, view.id);
    return refusalPage(now ? (linkRefusal(now, action, Date.now()) ?? refused) : UNKNOWN_LINK, appointment);
  }
  return { status: 200, heading: wording.done, sentence: wording.thanks, appointment };
}

/** The appointment's view (live or archived), or undefined when there is no such appointment. */
async function existingView(deps: ApiDependencies, appointmentId: string): Promise<AppointmentView | undefined> {
  try {
    return await currentAppointmentView(deps, appointmentId);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return undefined;
    throw error;
  }
}

/** Title, start in the contact's time zone (as their messages show it) and the host's name. */
async function shownAppointment(
  { repositories }: ApiDependencies,
  view: AppointmentView,
): Promise<NonNullable<SelfServicePage['appointment']>> {
  const [contact, host, calendar] = await Promise.all([
    repositories.contacts.get(view.contactId),
    view.assignedUserId ? repositories.users.get(view.assignedUserId) : Promise.resolve(undefined),
    repositories.calendars.get(view.calendarId),
  ]);
  const merge = mergeDataOf(view, contact, host, calendar);
  const timezone = recipientTimezone('contact', merge);
  const values = mergeFieldValues(merge, timezone);
  return {
    title: values['appointment.title'] || values['calendar.name'] || 'Appointment',
    when: values['appointment.start_time'],
    timezone,
    host: values['user.name'] || null,
  };
}

/**
 * The API's own change (PATCH status), made by the contact. The workflow has the last word: it
 * refuses a contact's change once the appointment started or was cancelled (and any once deleted).
 */
async function changeAsContact(
  deps: ApiDependencies,
  appointmentId: string,
  action: PageAction,
): Promise<LinkRefusal | undefined> {
  const status = action === 'cancel' ? 'cancelled' : 'confirmed';
  try {
    await deps.temporal.workflow
      .getHandle(appointmentWorkflowId(appointmentId))
      .executeUpdate(editAppointmentUpdate, { args: [{ status, source: 'contact' }] });
    return undefined;
  } catch (error) {
    const refused =
      error instanceof WorkflowUpdateFailedError &&
      error.cause instanceof ApplicationFailure &&
      ['contact_change_refused', 'appointment_deleted'].includes(error.cause.type ?? '');
    if (refused || isClosedWorkflowError(error)) return { status: 410, reason: 'This link no longer works.' };
    throw error;
  }
}

/** The opening on the timeline, at most MAX_LINK_EVENTS of them; never a reason for the page to fail. */
async function noteLinkEvent(deps: ApiDependencies, view: AppointmentView, event: SelfServiceLinkEvent) {
  if (view.timeline.filter((entry) => entry.type.startsWith('link.')).length >= MAX_LINK_EVENTS) return;
  try {
    await deps.temporal.workflow.getHandle(appointmentWorkflowId(view.id)).signal(selfServiceLinkSignal, event);
  } catch (error) {
    // a closed appointment's archive is final; anything else is worth a line, not a failed page
    if (!isClosedWorkflowError(error))
      deps.logger.warn({ appointmentId: view.id, error: String(error) }, 'link opening not recorded');
  }
}

function isClosedWorkflowError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'WorkflowNotFoundError' || /workflow execution already completed/i.test(error.message))
  );
}
