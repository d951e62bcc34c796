/**
 * Hostile URLs on every route that takes an ID: IDs longer than the router takes, malformed
 * percent-encoding; a 4xx in the contract's error format, never a 5xx, and nothing changed.
 */
import { expectRefusal, testOnlyWorkflowsBookedOnPurpose, useHostileInputSuite } from './hostile-input-suite';

const suite = useHostileInputSuite();
const { send, expectNothingChanged } = suite;

describe('URLs', () => {
  const ID_ROUTES: [string, string][] = [
    ['GET', '/v1/users/%s'],
    ['PUT', '/v1/users/%s'],
    ['GET', '/v1/contacts/%s'],
    ['PUT', '/v1/contacts/%s'],
    ['GET', '/v1/calendars/%s'],
    ['PUT', '/v1/calendars/%s'],
    ['GET', '/v1/appointments/%s'],
    ['PATCH', '/v1/appointments/%s'],
    ['DELETE', '/v1/appointments/%s'],
    ['GET', '/v1/appointments/%s/messages'],
    ['GET', '/v1/automations/%s'],
    ['PUT', '/v1/automations/%s'],
    ['POST', '/v1/users/%s/integrations/zoom/authorize'],
    ['GET', '/v1/users/%s/integrations/zoom'],
    ['DELETE', '/v1/users/%s/integrations/zoom'],
    ['GET', '/v1/users/%s/notifications'],
  ];

  test('IDs longer than the router takes (over 512 characters) get a 4xx in the error format on every route', async () => {
    const failures: string[] = [];
    await expectNothingChanged(async () => {
      for (const [method, template] of ID_ROUTES) {
        for (const length of [513, 2_000, 6_000]) {
          const path = template.replace('%s', 'a'.repeat(length));
          const response = await send(
            method,
            path,
            ['PUT', 'PATCH', 'POST'].includes(method) ? { json: {} } : undefined,
          );
          try {
            expectRefusal(response, `${method} ${template} with an ID of ${length} characters`);
          } catch (error) {
            failures.push((error as Error).message.slice(0, 260));
          }
        }
      }
    });
    expect(failures).toEqual([]);
  });

  test('malformed percent-encoding in the path gets 400 in the error format', async () => {
    const failures: string[] = [];
    await expectNothingChanged(async () => {
      for (const [method, template] of ID_ROUTES) {
        for (const id of ['%E0%A4%A', '%', '%zz', 'a%C0%AF', '%ED%A0%80']) {
          const path = template.replace('%s', id);
          const response = await send(
            method,
            path,
            ['PUT', 'PATCH', 'POST'].includes(method) ? { json: {} } : undefined,
          );
          try {
            expectRefusal(response, `${method} ${path}`);
            if (response.status !== 400) throw new Error(`expected 400: ${method} ${path} → ${response.status}`);
          } catch (error) {
            failures.push((error as Error).message.slice(0, 260));
          }
        }
      }
    });
    expect(failures).toEqual([]);
  });
});

testOnlyWorkflowsBookedOnPurpose(suite);
