/** GET /v1/recipes (API.md "Automations", PRODUCT.md section 4): ready-made automations that publish as they are. */
import { startTestEngine, type TestEngine } from '../harness/engine';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

interface Action {
  id: string;
  type: string;
  [field: string]: unknown;
}
interface Recipe {
  id: string;
  name: string;
  description: string;
  automation: { name: string; trigger: unknown; actions: Action[] };
}

const recipes = async (): Promise<Recipe[]> => {
  const response = await t.api.get('/v1/recipes');
  expect(response.status).toBe(200);
  return response.body as Recipe[];
};

const reference = async (): Promise<Recipe> => {
  const recipe = (await recipes()).find((r) => r.id === 'appointment-confirmation-and-reminders');
  if (!recipe) throw new Error('GET /v1/recipes has no appointment-confirmation-and-reminders');
  return recipe;
};

const LOCATION = '{{appointment.meeting_location}}';

test('GET /v1/recipes lists recipes, each with an id, a name, a description and an automation without a status', async () => {
  const list = await recipes();
  expect(list.map((recipe) => recipe.id)).toContain('appointment-confirmation-and-reminders');
  expect(new Set(list.map((recipe) => recipe.id)).size).toBe(list.length);
  for (const recipe of list) {
    expect(Object.keys(recipe).sort()).toEqual(['automation', 'description', 'id', 'name']);
    expect(recipe.name).toEqual(expect.any(String));
    expect(recipe.description.length).toBeGreaterThan(20);
    expect(Object.keys(recipe.automation).sort()).toEqual(['actions', 'name', 'trigger']);
    expect(recipe.automation.actions.length).toBeGreaterThan(0);
  }
});

test('GET /v1/recipes needs the API key', async () => {
  const response = await t.api.get('/v1/recipes', { auth: false });
  expect(response.status).toBe(401);
  expect(response.body.error.code).toBe('unauthorized');
});

describe('appointment-confirmation-and-reminders', () => {
  test('fires when an appointment is confirmed, whatever its event type', async () => {
    const recipe = await reference();
    expect(recipe.automation.trigger).toEqual({
      type: 'appointment_status',
      filters: { eventType: 'any', statuses: ['confirmed'] },
    });
  });

  test('waits 1 minute first, so the meeting link exists before the confirmation', async () => {
    const [first] = (await reference()).automation.actions;
    expect(first).toMatchObject({ type: 'wait', duration: '1m' });
  });

  test('then confirms to the contact by e-mail and SMS, both with the meeting location', async () => {
    const [, confirmEmail, confirmSms] = (await reference()).automation.actions;
    expect(confirmEmail).toMatchObject({ type: 'send_email', to: 'contact' });
    expect(confirmEmail?.html).toContain(LOCATION);
    expect(confirmEmail?.text).toContain(LOCATION);
    expect(confirmSms).toMatchObject({ type: 'send_sms', to: 'contact' });
    expect(confirmSms?.body).toContain(LOCATION);
  });

  test('then notifies the assigned user', async () => {
    const notify = (await reference()).automation.actions[3];
    expect(notify).toMatchObject({ type: 'internal_notification', to: 'assigned_user' });
  });

  test('then waits until 24 h and 1 h before the start, each wait followed by an e-mail and an SMS reminder to the contact', async () => {
    const rest = (await reference()).automation.actions.slice(4);
    expect(rest.map((action) => [action.type, action.offset ?? action.to])).toEqual([
      ['wait_for_appointment_time', '-24h'],
      ['send_email', 'contact'],
      ['send_sms', 'contact'],
      ['wait_for_appointment_time', '-1h'],
      ['send_email', 'contact'],
      ['send_sms', 'contact'],
    ]);
    // a reminder whose time has passed (booked less than 24 h ahead) is not sent late
    expect(rest[0]?.ifPassed).toBe('skip_outbound_until_next_wait');
    expect(rest[3]?.ifPassed).toBe('skip_outbound_until_next_wait');
    for (const reminder of [rest[1], rest[2], rest[4], rest[5]]) {
      expect(JSON.stringify(reminder)).toContain('{{appointment.');
    }
  });
});

test('every recipe, POSTed as is with status "published", is accepted and stored unchanged', async () => {
  for (const recipe of await recipes()) {
    const response = await t.api.post('/v1/automations', { ...recipe.automation, status: 'published' });
    expect({ recipe: recipe.id, status: response.status, error: response.body.error }).toEqual({
      recipe: recipe.id,
      status: 201,
      error: undefined,
    });
    expect(response.body).toMatchObject({ version: 1, status: 'published', ...recipe.automation });
    const stored = await t.api.get(`/v1/automations/${response.body.id}`);
    expect(stored.body.actions).toEqual(recipe.automation.actions);
  }
});

test('a recipe may also be saved as a draft', async () => {
  const recipe = await reference();
  const response = await t.api.post('/v1/automations', { ...recipe.automation, status: 'draft' });
  expect(response.status).toBe(201);
  expect(response.body.status).toBe('draft');
});
