/**
 * The automation definition as users write it (API.md "Automations", PRODUCT.md section 4):
 * one trigger (`appointment_status` or `appointment_booked`) and an ordered list of actions,
 * discriminated on `type`.
 *
 * This module is the shape only. Rules that need the whole definition (unique ids, goto targets,
 * loops, templates) live in automation-validation.ts, which may use Handlebars. Workflow code
 * imports only its types (the bundle carries no zod: test/workflows/workflow-bundle.test.ts).
 */
import { z } from 'zod';
import { durationSchema, offsetSchema } from './duration-schemas';
import { APPOINTMENT_STATUSES, CHANGE_SOURCES } from './appointment';
import { entityIdSchema } from './ids';
import { conditionPredicateSchema } from './condition-predicate-schema';
import { waitWindowSchema } from './wait-window-schema';

export const EVENT_TYPE_FILTERS = ['any', 'one_time', 'recurring'] as const;
export const AUTOMATION_STATUSES = ['draft', 'published'] as const;
export const ACTION_TYPES = [
  'wait',
  'send_email',
  'send_sms',
  'internal_notification',
  'wait_for_appointment_time',
  'condition',
] as const;
export type AutomationActionType = (typeof ACTION_TYPES)[number];

// Same rule as contact-points.ts, restated here because that module imports luxon, which the
// workflow sandbox must not load.
const E164_PHONE = /^\+[1-9]\d{6,14}$/;
const emailAddress = z.email();
const isEmailAddress = (value: string) => value.length <= 254 && emailAddress.safeParse(value).success;
const isE164Phone = (value: string) => E164_PHONE.test(value);

export const ACTION_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const actionIdSchema = z
  .string({ error: 'must be an action id' })
  .regex(ACTION_ID_PATTERN, 'must be 1–64 characters of A–Z, a–z, 0–9, _ and -');

const automationNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  // eslint-disable-next-line no-control-regex
  .refine((value) => !/[\u0000-\u001f\u007f]/.test(value), 'must not contain control characters');

/** Template source; syntax and merge fields are checked at publish time by automation-validation.ts. */
const templateSchema = (maxLength: number) =>
  z
    .string({ error: 'must be a template string' })
    .max(maxLength, `must be at most ${maxLength} characters`)
    .refine((value) => value.trim() !== '', 'must not be empty');

const contactRecipientMessage = (literal: string) => `must be "contact", "assigned_user" or ${literal}`;

const emailRecipientSchema = z
  .string({ error: contactRecipientMessage('an e-mail address') })
  .trim()
  .refine(
    (to) => to === 'contact' || to === 'assigned_user' || isEmailAddress(to),
    contactRecipientMessage('an e-mail address'),
  );

const smsRecipientSchema = z
  .string({ error: contactRecipientMessage('a phone number in E.164 form, e.g. +14155550123') })
  .trim()
  .refine(
    (to) => to === 'contact' || to === 'assigned_user' || isE164Phone(to),
    contactRecipientMessage('a phone number in E.164 form, e.g. +14155550123'),
  );

const INTERNAL_RECIPIENT_MESSAGE =
  'must be "assigned_user", {"userId": "…"}, an e-mail address or an E.164 phone number';
const internalRecipientSchema = z.union([z.strictObject({ userId: entityIdSchema }), z.string().trim().min(1)], {
  error: INTERNAL_RECIPIENT_MESSAGE,
});

// Actions are strict objects: a misspelt optional key (`subjet`) would otherwise vanish silently.
const waitActionSchema = z.strictObject({
  id: actionIdSchema,
  type: z.literal('wait'),
  duration: durationSchema,
  /** a wait ending outside it goes on at its next opening (domain/wait-window.ts) */
  window: waitWindowSchema.optional(),
});

const sendEmailActionSchema = z
  .strictObject({
    id: actionIdSchema,
    type: z.literal('send_email'),
    to: emailRecipientSchema,
    subject: templateSchema(1_000),
    html: templateSchema(200_000).optional(),
    text: templateSchema(100_000).optional(),
    /** attach an iCalendar invite (templates/calendar-invite.ts): REQUEST, or CANCEL from a cancellation's run */
    attachCalendarInvite: z.boolean({ error: 'must be true or false' }).optional(),
  })
  .refine((action) => action.html !== undefined || action.text !== undefined, {
    message: 'an e-mail needs "html", "text" or both',
  });

const sendSmsActionSchema = z.strictObject({
  id: actionIdSchema,
  type: z.literal('send_sms'),
  to: smsRecipientSchema,
  body: templateSchema(1_600),
});

const internalNotificationActionSchema = z
  .strictObject({
    id: actionIdSchema,
    type: z.literal('internal_notification'),
    channel: z.enum(['email', 'sms', 'in_app'], { error: 'must be "email", "sms" or "in_app"' }),
    to: internalRecipientSchema,
    subject: templateSchema(1_000).optional(),
    body: templateSchema(100_000),
  })
  .superRefine((action, ctx) => {
    const refusal = internalRecipientRefusal(action.channel, action.to);
    if (refusal !== undefined) ctx.addIssue({ code: 'custom', path: ['to'], message: refusal });
  });

export const ifPassedSchema = z.union(
  [z.enum(['next', 'skip_outbound_until_next_wait']), z.strictObject({ goto: actionIdSchema })],
  { error: 'must be "next", "skip_outbound_until_next_wait" or {"goto": "<action id>"}' },
);
export type IfPassedPolicy = z.infer<typeof ifPassedSchema>;

const waitForAppointmentTimeActionSchema = z.strictObject({
  id: actionIdSchema,
  type: z.literal('wait_for_appointment_time'),
  offset: offsetSchema,
  ifPassed: ifPassedSchema,
  window: waitWindowSchema.optional(),
});

/** Where a condition goes on: "next" (the following action) or an action id; ids are checked by automation-validation.ts. */
const jumpTargetSchema = z
  .string({ error: 'must be "next" or an action id' })
  .regex(ACTION_ID_PATTERN, 'must be "next" or an action id');

/** If/else on the appointment: `then` when the predicates hold (all or any of them), `else` otherwise. */
const conditionActionSchema = z.strictObject({
  id: actionIdSchema,
  type: z.literal('condition'),
  match: z.enum(['all', 'any'], { error: 'must be "all" or "any"' }),
  if: z
    .array(conditionPredicateSchema, { error: 'must be a list of predicates' })
    .min(1, 'must have at least one predicate')
    .max(50, 'must have at most 50 predicates'),
  then: jumpTargetSchema,
  else: jumpTargetSchema,
});

export const automationActionSchema = z.discriminatedUnion(
  'type',
  [
    waitActionSchema,
    sendEmailActionSchema,
    sendSmsActionSchema,
    internalNotificationActionSchema,
    waitForAppointmentTimeActionSchema,
    conditionActionSchema,
  ],
  { error: `must have a "type" of ${ACTION_TYPES.join(', ')}` },
);
export type AutomationAction = z.infer<typeof automationActionSchema>;
export type ActionOfType<T extends AutomationActionType> = Extract<AutomationAction, { type: T }>;

/** An action that sends a message to a person (e-mail, SMS or in-app notification). */
export type OutboundAction = ActionOfType<'send_email' | 'send_sms' | 'internal_notification'>;

const uniqueList = <T extends z.ZodType>(item: T, what: string, omitHint: string) =>
  z
    .array(item)
    .min(1, `must name at least one ${what}; ${omitHint}`)
    .max(500, 'must have at most 500 entries')
    .refine((values) => new Set(values).size === values.length, `must not repeat a ${what}`);

const calendarIdsFilterSchema = uniqueList(entityIdSchema, 'calendar', 'omit it to match every calendar');
const userIdsFilterSchema = uniqueList(entityIdSchema, 'user', 'omit it to match every assigned user');
/** Who made the change (domain/appointment.ts CHANGE_SOURCES): the API, the console, the contact, an automation. */
const sourcesFilterSchema = uniqueList(
  z.enum(CHANGE_SOURCES, { error: `must be one of ${CHANGE_SOURCES.join(', ')}` }),
  'source',
  'omit it to match every source',
);

export const TRIGGER_TYPES = ['appointment_status', 'appointment_booked'] as const;
export type AutomationTriggerType = (typeof TRIGGER_TYPES)[number];

export const automationTriggerSchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({
      type: z.literal('appointment_status'),
      filters: z.strictObject(
        {
          eventType: z.enum(EVENT_TYPE_FILTERS, { error: 'must be "any", "one_time" or "recurring"' }).default('any'),
          statuses: z
            .array(z.enum(APPOINTMENT_STATUSES, { error: `must be one of ${APPOINTMENT_STATUSES.join(', ')}` }), {
              error: 'must be a list of statuses, e.g. ["confirmed"]',
            })
            .min(1, 'must name at least one status')
            .refine((values) => new Set(values).size === values.length, 'must not repeat a status'),
          calendarIds: calendarIdsFilterSchema.optional(),
          userIds: userIdsFilterSchema.optional(),
          sources: sourcesFilterSchema.optional(),
        },
        {
          // a missing or non-object filters; other issues (e.g. an unknown key) keep their own message
          error: (issue) =>
            issue.code === 'invalid_type'
              ? 'must be an object: {"eventType"?, "statuses", "calendarIds"?, "userIds"?, "sources"?}'
              : undefined,
        },
      ),
    }),
    // Fires once, when the appointment is created, whatever its status.
    z.strictObject({
      type: z.literal('appointment_booked'),
      filters: z
        .strictObject(
          {
            calendarIds: calendarIdsFilterSchema.optional(),
            userIds: userIdsFilterSchema.optional(),
            sources: sourcesFilterSchema.optional(),
          },
          {
            error: (issue) =>
              issue.code === 'invalid_type' ? 'must be an object: {"calendarIds"?, "userIds"?, "sources"?}' : undefined,
          },
        )
        .default({}),
    }),
  ],
  { error: `must have a "type" of ${TRIGGER_TYPES.join(' or ')}` },
);
export type AutomationTrigger = z.infer<typeof automationTriggerSchema>;

/**
 * The body of POST/PUT /v1/automations. Unknown top-level keys are dropped rather than refused,
 * so a client may send back what it read (with id, version, timestamps) after editing it.
 */
export const automationInputSchema = z.object(
  {
    name: automationNameSchema,
    status: z.enum(AUTOMATION_STATUSES, { error: 'must be "draft" or "published"' }),
    trigger: automationTriggerSchema,
    actions: z
      .array(automationActionSchema, { error: 'must be a list of actions' })
      .min(1, 'must have at least one action')
      .max(200, 'must have at most 200 actions'),
  },
  { error: 'must be an automation: {name, status, trigger, actions}' },
);
export type AutomationInput = z.infer<typeof automationInputSchema>;

export type Automation = AutomationInput & { id: string; version: number; createdAt: string; updatedAt: string };

/** Outbound actions reach a person; `skip_outbound_until_next_wait` skips exactly these. */
export function isOutboundAction(action: AutomationAction): boolean {
  switch (action.type) {
    case 'send_email':
    case 'send_sms':
    case 'internal_notification':
      return true;
    case 'wait':
    case 'wait_for_appointment_time':
    case 'condition':
      return false;
    default: {
      const unreachable: never = action;
      throw new Error(`unknown action type ${JSON.stringify(unreachable)}`);
    }
  }
}

type InternalChannel = ActionOfType<'internal_notification'>['channel'];
type InternalRecipient = ActionOfType<'internal_notification'>['to'];

/** Why `to` cannot be reached on `channel` (e.g. an address for an SMS), or undefined when it can. */
function internalRecipientRefusal(channel: InternalChannel, to: InternalRecipient): string | undefined {
  if (typeof to !== 'string' || to === 'assigned_user') return undefined; // a user has every channel
  switch (channel) {
    case 'in_app':
      return 'an in-app notification goes to "assigned_user" or {"userId": "…"}, not to an address';
    case 'email':
      return isEmailAddress(to) ? undefined : 'must be "assigned_user", {"userId": "…"} or an e-mail address';
    case 'sms':
      return isE164Phone(to)
        ? undefined
        : 'must be "assigned_user", {"userId": "…"} or a phone number in E.164 form, e.g. +14155550123';
    default: {
      const unreachable: never = channel;
      throw new Error(`unknown channel ${String(unreachable)}`);
    }
  }
}
