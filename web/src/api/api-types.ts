/**
 * Names for the shapes the console reads and sends, all taken from the generated OpenAPI types
 * (never written by hand), by path and method so they do not depend on how the server names its
 * schema components.
 */
import type { paths } from './generated/schema';

type JsonContent<R> = R extends { content: { 'application/json': infer Body } } ? Body : never;
type Operation<P extends keyof paths, M extends keyof paths[P]> = paths[P][M];

/** The JSON body of a 200 (or 201) answer. */
export type ResponseOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { responses: infer Responses }
    ? Responses extends { 200: infer Ok }
      ? JsonContent<Ok>
      : Responses extends { 201: infer Created }
        ? JsonContent<Created>
        : never
    : never;

/** The JSON body a request sends. */
export type RequestBodyOf<P extends keyof paths, M extends keyof paths[P]> =
  Operation<P, M> extends { requestBody?: infer Body } ? JsonContent<NonNullable<Body>> : never;

/** The query parameters of a GET. */
export type QueryOf<P extends keyof paths> = paths[P] extends { get: { parameters: { query?: infer Query } } }
  ? NonNullable<Query>
  : never;

export type Session = ResponseOf<'/v1/session', 'get'>;
export type Overview = ResponseOf<'/v1/overview', 'get'>;

export type User = ResponseOf<'/v1/users', 'get'>[number];
export type ZoomConnection = ResponseOf<'/v1/users/{userId}/integrations/zoom', 'get'>;
export type Notification = ResponseOf<'/v1/users/{userId}/notifications', 'get'>[number];

export type Calendar = ResponseOf<'/v1/calendars', 'get'>[number];
export type CalendarInput = RequestBodyOf<'/v1/calendars/{calendarId}', 'put'>;
export type MeetingLocation = CalendarInput['meetingLocation'];

export type Automation = ResponseOf<'/v1/automations/{automationId}', 'get'>;
export type AutomationInput = RequestBodyOf<'/v1/automations', 'post'>;
export type AutomationTrigger = AutomationInput['trigger'];
export type TriggerType = AutomationTrigger['type'];
export type TriggerOfType<T extends TriggerType> = Extract<AutomationTrigger, { type: T }>;
export type ChangeSource = NonNullable<NonNullable<AutomationTrigger['filters']>['sources']>[number];
export type AutomationAction = AutomationInput['actions'][number];
export type ActionType = AutomationAction['type'];
export type ActionOfType<T extends ActionType> = Extract<AutomationAction, { type: T }>;
export type WaitWindow = NonNullable<ActionOfType<'wait'>['window']>;
export type ConditionPredicate = ActionOfType<'condition'>['if'][number];
export type Recipe = ResponseOf<'/v1/recipes', 'get'>[number];
export type MergeField = ResponseOf<'/v1/merge-fields', 'get'>[number];
export type TemplatePreviewInput = RequestBodyOf<'/v1/templates/preview', 'post'>;
export type TemplatePreview = ResponseOf<'/v1/templates/preview', 'post'>;

export type AppointmentListQuery = QueryOf<'/v1/appointments'>;
export type AppointmentPage = ResponseOf<'/v1/appointments', 'get'>;
export type AppointmentListItem = AppointmentPage['items'][number];
export type Appointment = ResponseOf<'/v1/appointments/{appointmentId}', 'get'>;
export type AppointmentPatch = RequestBodyOf<'/v1/appointments/{appointmentId}', 'patch'>;
export type AppointmentStatus = Appointment['status'];
export type TimelineEntry = Appointment['timeline'][number];
export type AutomationRunSummary = Appointment['automationRuns'][number];
export type Message = ResponseOf<'/v1/appointments/{appointmentId}/messages', 'get'>[number];
