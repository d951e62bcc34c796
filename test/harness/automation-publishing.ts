/** Publishing automations through the API for a calendar, as the end-to-end tests need them. */
import type { ApiClient } from './api-client';
import { appointmentStatusTrigger } from './automation-definitions';
import { uniqueId } from './engine';

/**
 * Publishes `actions`, fired when an appointment of the calendar gets one of `statuses` (default
 * confirmed); returns the automation's ID, or an error unless it was created.
 */
export async function publishAutomation(
  api: ApiClient,
  calendar: { calendarId: string },
  actions: unknown[],
  options: { name?: string; statuses?: string[] } = {},
): Promise<string> {
  return created(
    await api.post('/v1/automations', {
      name: options.name ?? uniqueId('automation'),
      status: 'published',
      trigger: appointmentStatusTrigger(options.statuses, [calendar.calendarId]),
      actions,
    }),
  );
}

/** Publishes a recipe of GET /v1/recipes (default the reference one) for the calendar; returns the automation's ID. */
export async function publishRecipe(
  api: ApiClient,
  calendar: { calendarId: string },
  recipeId = 'appointment-confirmation-and-reminders',
): Promise<string> {
  const recipes = (await api.get('/v1/recipes')).body as {
    id: string;
    automation: { name: string; trigger: { type: string; filters: object }; actions: unknown[] };
  }[];
  const recipe = recipes.find((candidate) => candidate.id === recipeId);
  if (!recipe) throw new Error(`no recipe ${recipeId}`);
  const { trigger } = recipe.automation;
  return created(
    await api.post('/v1/automations', {
      ...recipe.automation,
      status: 'published',
      trigger: { ...trigger, filters: { ...trigger.filters, calendarIds: [calendar.calendarId] } },
    }),
  );
}

function created(response: { status: number; body: any }): string {
  if (response.status !== 201)
    throw new Error(`publishing failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.id as string;
}
