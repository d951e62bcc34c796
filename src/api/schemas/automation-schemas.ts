/** What the automation routes answer: stored automations, recipes and the merge-field catalogue. */
import { z } from 'zod';
import { automationInputSchema } from '../../domain/automation';
import { storedRowTimes } from './common-schemas';

export const automationSchema = automationInputSchema
  .extend({ id: z.string(), version: z.number().int().min(1), ...storedRowTimes })
  .meta({ id: 'Automation' });

export const recipeSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string(),
    automation: automationInputSchema.pick({ name: true, trigger: true, actions: true }),
  })
  .meta({ id: 'Recipe' });

export const mergeFieldSchema = z
  .object({
    path: z.string().meta({ description: 'what a template writes between the braces, e.g. `contact.first_name`' }),
    description: z.string(),
  })
  .meta({ id: 'MergeField' });
