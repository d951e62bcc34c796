import { z } from 'zod';
import { emailSchema, nameSchema, phoneSchema, timezoneSchema } from './contact-points';

/** A team member of the CRM, identified by a stable user ID (never by e-mail). */
export const userInputSchema = z.object({
  name: nameSchema,
  email: emailSchema,
  phone: phoneSchema.nullish().transform((value) => value ?? null),
  timezone: timezoneSchema,
});
export type UserInput = z.infer<typeof userInputSchema>;

export interface User extends UserInput {
  id: string;
  createdAt: string;
  updatedAt: string;
}
