/**
 * Automations (the workflow builder): validated as a whole at publish time, with the path of every
 * problem; stored versioned. Runs already started keep the version they started with.
 */
import type { FastifyInstance } from 'fastify';
import { validateAutomation } from '../../domain/automation-validation';
import { RECIPES } from '../../domain/recipes';
import { sameDefinition } from '../../store/automations-repository';
import { ApiError, notFound } from '../errors';
import type { ApiDependencies } from '../api-dependencies';
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

export function registerAutomationRoutes(
  app: FastifyInstance,
  { repositories: { automations } }: ApiDependencies,
): void {
  app.post('/v1/automations', async (request, reply) => {
    const input = validated(request.body);
    // A caller may choose the ID, which makes POST idempotent: the same body again is 200, another 409.
    const chosen = (request.body as { id?: unknown }).id;
    if (chosen === undefined) return reply.status(201).send(await automations.create(input));
    const id = parseId({ id: chosen }, 'id');
    const existing = await automations.get(id);
    if (!existing) return reply.status(201).send(await automations.create(input, id));
    if (sameDefinition(existing, input)) return reply.status(200).send(existing);
    throw new ApiError(409, 'automation_exists', `automation ${id} exists with another definition; PUT changes it`);
  });

  app.put('/v1/automations/:automationId', async (request) => {
    const id = parseId(request.params, 'automationId');
    const input = validated(request.body);
    // Writes are idempotent (API.md): repeating a PUT of the stored definition is not a new version.
    const updated = await automations.update(id, input);
    if (!updated) throw notFound('automation', id);
    return updated;
  });

  app.get('/v1/automations', async () => automations.list());

  app.get('/v1/automations/:automationId', async (request) => {
    const id = parseId(request.params, 'automationId');
    const automation = await automations.get(id);
    if (!automation) throw notFound('automation', id);
    return automation;
  });

  app.get('/v1/recipes', async () => RECIPES);
}
