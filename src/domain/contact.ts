import { z } from 'zod';
import { emailSchema, nameSchema, phoneSchema, timezoneSchema } from './contact-points';

/** The person who books. */
export const contactInputSchema = z.object({
  firstName: nameSchema,
  lastName: nameSchema.nullish().transform((value) => value ?? null),
  email: emailSchema.nullish().transform((value) => value ?? null),
  phone: phoneSchema.nullish().transform((value) => value ?? null),
  timezone: timezoneSchema.nullish().transform((value) => value ?? null),
});
export type ContactInput = z.infer<typeof contactInputSchema>;

export interface Contact extends ContactInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
