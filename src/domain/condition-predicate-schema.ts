/**
 * The predicates of a `condition` action as the API takes them (API.md "Automations, additions"),
 * discriminated on `field`. zod: not for workflow code, which imports the types only; the
 * evaluation is in condition-evaluation.ts.
 */
import { z } from 'zod';
import { APPOINTMENT_STATUSES } from './appointment';
import { offsetSchema } from './duration-schemas';
import { entityIdSchema } from './ids';

const listOf = <T extends z.ZodType>(item: T, what: string) =>
  z
    .array(item, { error: `must be a list of ${what}s` })
    .min(1, `must name at least one ${what}`)
    .max(500, 'must have at most 500 entries')
    .refine((values) => new Set(values).size === values.length, `must not repeat a ${what}`);

const booleanSchema = z.boolean({ error: 'must be true or false' });

const statusPredicateSchema = z.strictObject({
  field: z.literal('status'),
  in: listOf(z.enum(APPOINTMENT_STATUSES, { error: `must be one of ${APPOINTMENT_STATUSES.join(', ')}` }), 'status'),
});

/** Rescheduled (start or end moved) since the run started. */
const rescheduledPredicateSchema = z.strictObject({ field: z.literal('rescheduled'), is: booleanSchema });

/** The start is before (or after) now plus a signed offset: `{"before": "+2h"}` = starts within two hours. */
const startPredicateSchema = z
  .strictObject({ field: z.literal('start'), before: offsetSchema.optional(), after: offsetSchema.optional() })
  .refine((predicate) => (predicate.before === undefined) !== (predicate.after === undefined), {
    message: 'needs exactly one of "before" or "after": a signed duration from now, e.g. "+2h"',
  });

const calendarPredicateSchema = z.strictObject({
  field: z.literal('calendarId'),
  in: listOf(entityIdSchema, 'calendar'),
});

const assignedUserPredicateSchema = z.strictObject({
  field: z.literal('assignedUserId'),
  in: listOf(entityIdSchema, 'user'),
});

const contactPointPredicateSchema = z.strictObject({
  field: z.enum(['contact.email', 'contact.phone']),
  exists: booleanSchema,
});

export const CONDITION_FIELDS = [
  'status',
  'rescheduled',
  'start',
  'calendarId',
  'assignedUserId',
  'contact.email',
  'contact.phone',
] as const;

export const conditionPredicateSchema = z.discriminatedUnion(
  'field',
  [
    statusPredicateSchema,
    rescheduledPredicateSchema,
    startPredicateSchema,
    calendarPredicateSchema,
    assignedUserPredicateSchema,
    contactPointPredicateSchema,
  ],
  { error: `must be a predicate whose "field" is one of ${CONDITION_FIELDS.join(', ')}` },
);
export type ConditionPredicate = z.infer<typeof conditionPredicateSchema>;
