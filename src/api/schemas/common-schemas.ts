/** Shapes every part of the API shares: the error body and the stored rows' timestamps. */
import { z } from 'zod';

export const issueSchema = z.object({
  path: z.string().meta({ description: 'the field, e.g. `actions[2].body`' }),
  message: z.string(),
});

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z.string().meta({ description: 'snake_case, stable: what a client acts on' }),
      message: z.string().meta({ description: 'a sentence for people' }),
      issues: z.array(issueSchema).optional(),
    }),
  })
  .meta({ id: 'Error' });

export const isoTimeSchema = z.string().meta({ description: 'ISO 8601 with an offset' });

export const storedRowTimes = { createdAt: isoTimeSchema, updatedAt: isoTimeSchema };
