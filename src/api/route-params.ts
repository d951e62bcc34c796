/** The path parameters of the API's routes: each one of the CRM's IDs (API.md, Conventions). */
import { z } from 'zod';
import { entityIdSchema } from '../domain/ids';

export const userIdParams = z.object({ userId: entityIdSchema });
export const contactIdParams = z.object({ contactId: entityIdSchema });
export const calendarIdParams = z.object({ calendarId: entityIdSchema });
export const appointmentIdParams = z.object({ appointmentId: entityIdSchema });
export const automationIdParams = z.object({ automationId: entityIdSchema });
