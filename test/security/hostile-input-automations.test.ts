/**
 * Hostile automation definitions: template injection, bad durations, offsets, ifPassed, recipients,
 * channels, types, IDs, unknown keys, too many actions, bad triggers, prototype keys, malformed JSON.
 * Refused with 400 invalid_automation naming the field (or another 4xx for what is not JSON), never a
 * 5xx, and nothing stored.
 */
import fc from 'fast-check';
import type { ApiResponse } from '../harness/api-client';
import { validAutomationBody } from '../harness/request-bodies';
import {
  bodyText,
  parsedRaw,
  unknownId,
  badIdString,
  pathOf,
  TEMPLATE_INJECTIONS,
  withAction,
  hostileAutomationBodies,
  type Body,
} from './hostile-input-generators';
import {
  expectRefusal,
  describeRequest,
  assertProperty,
  testOnlyWorkflowsBookedOnPurpose,
  useHostileInputSuite,
} from './hostile-input-suite';

const suite = useHostileInputSuite();
const { known, send, expectNothingChanged } = suite;

describe('automations', () => {
  const expectAutomationRefusal = (response: ApiResponse, body: Body, what: string) => {
    expectRefusal(response, what);
    if ('raw' in body && parsedRaw(body.raw) === undefined) return; // not JSON: invalid_json or 413
    if (response.status === 413) return;
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_automation');
    if (response.body.error.issues === undefined) throw new Error(`invalid_automation without issues: ${what}`);
  };

  test('template injection is refused at publish time with 400 invalid_automation naming the field', async () => {
    for (const injection of TEMPLATE_INJECTIONS) {
      const response = await suite.api.post(
        '/v1/automations',
        withAction((actions) => void (actions[2]!.body = injection)),
      );
      expect({ injection, status: response.status, code: response.body?.error?.code }).toEqual({
        injection,
        status: 400,
        code: 'invalid_automation',
      });
      expect(response.body.error.issues).toEqual(
        expect.arrayContaining([expect.objectContaining({ path: 'actions[2].body' })]),
      );
    }
    expect((await suite.api.get('/v1/automations')).body).toHaveLength(1);
  });

  test('POST /v1/automations with a hostile definition is a 400 invalid_automation with issues, and stores nothing', async () => {
    await expectNothingChanged(() =>
      assertProperty(
        hostileAutomationBodies,
        async (body) => {
          expectAutomationRefusal(
            await send('POST', '/v1/automations', body),
            body,
            describeRequest('POST', '/v1/automations', bodyText(body)),
          );
        },
        100,
      ),
    );
  });

  test('PUT /v1/automations/{id} with a hostile definition keeps the stored version', async () => {
    await expectNothingChanged(() =>
      assertProperty(hostileAutomationBodies, async (body) => {
        const path = `/v1/automations/${known.automationId}`;
        expectAutomationRefusal(await send('PUT', path, body), body, describeRequest('PUT', path, bodyText(body)));
      }),
    );
    expect((await suite.api.get(`/v1/automations/${known.automationId}`)).body.version).toBe(1);
  });

  test('PUT and GET of unknown or malformed automation IDs are a 404 or 400', async () => {
    const requests = fc.tuple(fc.oneof(unknownId, badIdString), fc.constantFrom('PUT', 'GET'));
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, method]) => {
        const path = `/v1/automations/${pathOf(id)}`;
        expectRefusal(
          await send(method, path, method === 'PUT' ? { json: validAutomationBody() } : undefined),
          `${method} ${path}`,
        );
      }),
    );
  });
});

testOnlyWorkflowsBookedOnPurpose(suite);
