/**
 * Automations (the workflow builder): validated as a whole at publish time, with the path of every
 * problem; stored versioned. Runs already started keep the version they started with.
 */
import { z } from 'zod';
import { automationInputSchema } from '../../domain/automation';
import { validateAutomation } from '../../domain/automation-validation';
import { entityIdSchema } from '../../domain/ids';
import { MERGE_FIELDS } from '../../domain/merge-fields';
import { RECIPES } from '../../domain/recipes';
import { sameDefinition } from '../../store/automations-repository';
import { ApiError, notFound } from '../errors';
import { defineRoute } from '../route-definition';
import { automationIdParams } from '../route-params';
import { automationSchema, mergeFieldSchema, recipeSchema } from '../schemas/automation-schemas';
import { parseId } from '../validation';

function validated(body: unknown) {
  if (body === undefined || body === null) {
    throw new ApiError(400, 'invalid_automation', 'a JSON body is required', [
      { path: '(body)', message: 'a JSON body is required' },
    ]);
  }
  const result = validateAutomation(body);
  if (!result.ok) {
    const count = result.issues.length;
    throw new ApiError(
      400,
      'invalid_automation',
      `the automation has ${count} problem${count === 1 ? '' : 's'}`,
      result.issues,
    );
  }
  return result.value;
}

const TAG = 'Automations';

const createAutomation = defineRoute({
  method: 'POST',
  url: '/v1/automations',
  summary: 'Create an automation (validated as a whole; an `id` may be chosen, which makes it idempotent)',
  tag: TAG,
  access: 'api_key',
  body: automationInputSchema.extend({ id: entityIdSchema.optional() }),
  responses: {
    200: { description: 'the same definition again under the chosen ID', schema: automationSchema },
    201: { description: 'created, version 1', schema: automationSchema },
  },
  handler: async ({ repositories: { automations } }, request, reply) => {
    const input = validated(request.body);
    // A caller may choose the ID, which makes POST idempotent: the same body again is 200, another 409.
    const chosen = (request.body as { id?: unknown }).id;
    if (chosen === undefined) return reply.status(201).send(await automations.create(input));
    const id = parseId({ id: chosen }, 'id');
    const existing = await automations.get(id);
    if (!existing) return reply.status(201).send(await automations.create(input, id));
    if (sameDefinition(existing, input)) return reply.status(200).send(existing);
    throw new ApiError(409, 'automation_exists', `automation ${id} exists with another definition; PUT changes it`);
  },
});

const updateAutomation = defineRoute({
  method: 'PUT',
  url: '/v1/automations/:automationId',
  summary: 'Replace an automation’s definition: a new version; runs already started keep theirs',
  tag: TAG,
  access: 'api_key',
  params: automationIdParams,
  body: automationInputSchema,
  responses: { 200: { description: 'the automation, version + 1 unless unchanged', schema: automationSchema } },
  handler: async ({ repositories: { automations } }, request) => {
    const id = parseId(request.params, 'automationId');
    const input = validated(request.body);
    // Writes are idempotent (API.md): repeating a PUT of the stored definition is not a new version.
    const updated = await automations.update(id, input);
    if (!updated) throw notFound('automation', id);
    return updated;
  },
});

const listAutomations = defineRoute({
  method: 'GET',
  url: '/v1/automations',
  summary: 'All automations, current versions',
  tag: TAG,
  access: 'api_key',
  responses: { 200: { description: 'the automations', schema: z.array(automationSchema) } },
  handler: ({ repositories: { automations } }) => automations.list(),
});

const getAutomation = defineRoute({
  method: 'GET',
  url: '/v1/automations/:automationId',
  summary: 'An automation, current version',
  tag: TAG,
  access: 'api_key',
  params: automationIdParams,
  responses: { 200: { description: 'the automation', schema: automationSchema } },
  handler: async ({ repositories: { automations } }, request) => {
    const id = parseId(request.params, 'automationId');
    const automation = await automations.get(id);
    if (!automation) throw notFound('automation', id);
    return automation;
  },
});

const listRecipes = defineRoute({
  method: 'GET',
  url: '/v1/recipes',
  summary: 'Ready-made automations, e.g. `appointment-confirmation-and-reminders`',
  tag: TAG,
  access: 'api_key',
  responses: { 200: { description: 'the recipes', schema: z.array(recipeSchema) } },
  handler: () => RECIPES,
});

const listMergeFields = defineRoute({
  method: 'GET',
  url: '/v1/merge-fields',
  summary: 'The merge fields a template may use, e.g. `{{appointment.meeting_location}}`',
  tag: TAG,
  access: 'api_key',
  responses: { 200: { description: 'the fields', schema: z.array(mergeFieldSchema) } },
  handler: () => MERGE_FIELDS,
});

export const automationRoutes = [
  createAutomation,
  updateAutomation,
  listAutomations,
  getAutomation,
  listRecipes,
  listMergeFields,
];
