/**
 * Hostile input to the Zoom connection and webhooks: authorize for unknown or malformed users, an
 * OAuth callback with forged, odd or repeated parameters, webhooks without a valid fresh signature or
 * signed with garbage payloads. A 4xx (or a 200 that ignores it) in the contract's error format,
 * never a 5xx, no OAuth state issued, nothing bound, nothing changed.
 */
import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import {
  bodyText,
  unknownId,
  badIdString,
  pathOf,
  notString,
  notStringOrNull,
  malformedJson,
  type Body,
} from './hostile-input-generators';
import {
  expectRefusal,
  describeRequest,
  assertProperty,
  WEBHOOK_SECRET,
  testOnlyWorkflowsBookedOnPurpose,
  useHostileInputSuite,
} from './hostile-input-suite';

const suite = useHostileInputSuite();
const { known, send, expectNothingChanged } = suite;

describe('Zoom connection and webhooks', () => {
  test('POST authorize for unknown or malformed user IDs, or with a malformed body, issues no OAuth state', async () => {
    const requests = fc.oneof(
      fc.tuple(
        fc.oneof(unknownId, badIdString),
        fc.oneof(
          fc.constant(undefined),
          fc.jsonValue({ maxDepth: 2 }).map((json): Body => ({ json })),
          malformedJson.map((raw): Body => ({ raw })),
        ),
      ),
      // the user exists, but the body is not JSON: refused before anything is issued
      fc.tuple(
        fc.constant('KNOWN'),
        malformedJson.map((raw): Body => ({ raw })),
      ),
    );
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, body]) => {
        const path = `/v1/users/${pathOf(id === 'KNOWN' ? known.hostId : id)}/integrations/zoom/authorize`;
        expectRefusal(await send('POST', path, body), describeRequest('POST', path, bodyText(body)));
      }),
    );
  });

  test('DELETE of the Zoom connection of a malformed user ID is a 400', async () => {
    await expectNothingChanged(() =>
      assertProperty(badIdString, async (id) => {
        const path = `/v1/users/${pathOf(id)}/integrations/zoom`;
        expectRefusal(await suite.api.delete(path), `DELETE ${path}`);
      }),
    );
  });

  test('the OAuth callback with forged, odd or repeated parameters is a 400 and binds nothing', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.string({ maxLength: 500 }),
      fc.constantFrom('', '{{constructor}}', '<script>alert(1)</script>', "' OR 1=1 --", '../../', '\u0000'),
    );
    const query = fc.array(
      fc.tuple(
        fc.constantFrom(
          'code',
          'state',
          'error',
          'userId',
          'user_id',
          '__proto__',
          'constructor',
          'state[]',
          'state[a]',
        ),
        value,
      ),
      { maxLength: 5 },
    );
    await expectNothingChanged(() =>
      assertProperty(
        query,
        async (pairs) => {
          const search = new URLSearchParams(pairs).toString();
          const path = `/v1/integrations/zoom/callback${search ? `?${search}` : ''}`;
          const response = await suite.api.get(path, { auth: false });
          expectRefusal(response, `GET ${path.slice(0, 300)}`);
          expect(response.body.error.code).toBe('invalid_state');
        },
        100,
      ),
    );
  });

  const sign = (raw: string, timestamp: string, secret = WEBHOOK_SECRET) =>
    `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${raw}`).digest('hex')}`;
  const now = () => String(Math.floor(Date.now() / 1000));

  test('webhooks without a valid, fresh signature are a 401, whatever they carry', async () => {
    const event = fc.oneof(
      fc.record({
        event: fc.constantFrom(
          'app_deauthorized',
          'meeting.ended',
          'meeting.participant_joined',
          'endpoint.url_validation',
        ),
        payload: fc.jsonValue({ maxDepth: 3 }),
      }),
      fc.jsonValue({ maxDepth: 3 }),
    );
    type SignatureHeaders = { 'x-zm-signature'?: string; 'x-zm-request-timestamp'?: string };
    const headers: fc.Arbitrary<SignatureHeaders> = fc.oneof(
      fc.constant({}),
      fc.record({ 'x-zm-request-timestamp': fc.constant('NOW') }),
      fc
        .string({ maxLength: 80 })
        .map((signature) => ({ 'x-zm-signature': signature, 'x-zm-request-timestamp': 'NOW' })),
      fc.constant({ 'x-zm-signature': 'WRONG_SECRET', 'x-zm-request-timestamp': 'NOW' }),
      fc
        .oneof(fc.integer({ min: 301, max: 10_000_000 }), fc.integer({ min: -10_000_000, max: -301 }))
        .map((skew) => ({ 'x-zm-signature': 'STALE', 'x-zm-request-timestamp': String(skew) })),
      fc
        .constantFrom('NaN', '', 'abc', '1e99', '-0x10', '1.7e9x', ' ')
        .map((timestamp) => ({ 'x-zm-signature': 'BAD_TS', 'x-zm-request-timestamp': timestamp })),
      fc.constant({ 'x-zm-signature': 'OTHER_BODY', 'x-zm-request-timestamp': 'NOW' }),
    );
    await expectNothingChanged(() =>
      assertProperty(
        fc.tuple(event, headers),
        async ([body, template]) => {
          const raw = JSON.stringify(body);
          const timestamp = template['x-zm-request-timestamp'] === 'NOW' ? now() : template['x-zm-request-timestamp'];
          const sent: Record<string, string> = {};
          if (timestamp !== undefined)
            sent['x-zm-request-timestamp'] =
              /^-?\d+$/.test(timestamp) && template['x-zm-signature'] === 'STALE'
                ? String(Number(now()) + Number(timestamp))
                : timestamp;
          const signature = template['x-zm-signature'];
          if (signature === 'WRONG_SECRET')
            sent['x-zm-signature'] = sign(raw, sent['x-zm-request-timestamp']!, 'not-the-secret');
          else if (signature === 'STALE' || signature === 'BAD_TS')
            sent['x-zm-signature'] = sign(raw, sent['x-zm-request-timestamp']!);
          else if (signature === 'OTHER_BODY')
            sent['x-zm-signature'] = sign(`${raw} `, sent['x-zm-request-timestamp']!);
          else if (signature !== undefined) sent['x-zm-signature'] = signature;
          const response = await suite.api.post('/v1/webhooks/zoom', undefined, {
            auth: false,
            rawBody: raw,
            headers: sent,
          });
          expectRefusal(response, `POST /v1/webhooks/zoom ${JSON.stringify(sent)} ${raw.slice(0, 200)}`);
          expect(response.status).toBe(401);
          expect(response.body.error.code).toBe('invalid_signature');
        },
        100,
      ),
    );
  });

  test('correctly signed webhooks with garbage payloads are answered 200 (ignored) or 400, never 5xx, and change nothing', async () => {
    const event = fc.oneof(
      fc.record(
        {
          event: fc.oneof(
            fc.constantFrom(
              'app_deauthorized',
              'meeting.ended',
              'meeting.participant_joined',
              'endpoint.url_validation',
              'meeting.deleted',
              '__proto__',
              'constructor',
            ),
            fc.string({ maxLength: 20 }),
            notStringOrNull,
          ),
          event_ts: fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(undefined)),
          payload: fc.oneof(
            fc.jsonValue({ maxDepth: 3 }),
            fc.record({
              user_id: fc.oneof(fc.string({ maxLength: 20 }), notString),
              account_id: fc.string({ maxLength: 8 }),
            }),
            fc.record({ plainToken: fc.oneof(fc.string({ maxLength: 600 }), notStringOrNull) }),
            fc.record({
              object: fc.record({
                id: fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), notStringOrNull),
                participant: fc.oneof(
                  fc.record({
                    email: fc.oneof(fc.string({ maxLength: 20 }), notStringOrNull),
                    user_name: fc.string({ maxLength: 10 }),
                  }),
                  notStringOrNull,
                ),
              }),
            }),
          ),
        },
        { requiredKeys: ['event'] },
      ),
      fc.jsonValue({ maxDepth: 3 }),
    );
    const bodies = fc.oneof(
      { arbitrary: event.map((value) => JSON.stringify(value)), weight: 9 },
      { arbitrary: malformedJson, weight: 1 },
    );
    await expectNothingChanged(() =>
      assertProperty(
        bodies,
        async (raw) => {
          const timestamp = now();
          const response = await suite.api.post('/v1/webhooks/zoom', undefined, {
            auth: false,
            rawBody: raw,
            headers: { 'x-zm-signature': sign(raw, timestamp), 'x-zm-request-timestamp': timestamp },
          });
          const what = `signed POST /v1/webhooks/zoom ${raw.slice(0, 300)}`;
          if (response.status === 200) return;
          expectRefusal(response, what);
          expect(response.status).toBe(400);
        },
        100,
      ),
    );
  });
});

testOnlyWorkflowsBookedOnPurpose(suite);
