/**
 * Hostile input to the reference data (users, contacts, calendars): for PUT and GET, generated garbage
 * (wrong types, missing fields, huge strings, control characters, prototype keys, bad e-mails, phones
 * and time zones, IDs with forbidden characters or too long, malformed JSON) is answered with a 4xx in
 * the contract's error format, never a 5xx, and changes nothing.
 */
import fc from 'fast-check';
import { validContactBody, validUserBody } from '../harness/request-bodies';
import {
  PREFIX,
  bodyText,
  unknownId,
  badIdString,
  pathOf,
  notString,
  notStringOrNull,
  badBodyId,
  hugeString,
  badName,
  badTimezone,
  hostileBodies,
  badUserFields,
  badContactFields,
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
const { known, send, expectNothingChanged, validCalendar } = suite;

describe('reference data', () => {
  test('PUT /v1/users/{id} with a hostile body or ID is a 4xx and writes nothing', async () => {
    const requests = fc.oneof(
      fc.tuple(unknownId, hostileBodies(validUserBody, badUserFields, ['name', 'email', 'timezone'])),
      fc.tuple(badIdString, fc.constant<Body>({ json: validUserBody() })),
    );
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, body]) => {
        const path = `/v1/users/${pathOf(id)}`;
        expectRefusal(await send('PUT', path, body), describeRequest('PUT', path, bodyText(body)));
        expectRefusal(await suite.api.get(path), `GET ${path} after`);
      }),
    );
  });

  test('PUT /v1/contacts/{id} with a hostile body or ID is a 4xx and writes nothing', async () => {
    const requests = fc.oneof(
      fc.tuple(unknownId, hostileBodies(validContactBody, badContactFields, ['firstName'])),
      fc.tuple(badIdString, fc.constant<Body>({ json: validContactBody() })),
    );
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, body]) => {
        const path = `/v1/contacts/${pathOf(id)}`;
        expectRefusal(await send('PUT', path, body), describeRequest('PUT', path, bodyText(body)));
        expectRefusal(await suite.api.get(path), `GET ${path} after`);
      }),
    );
  });

  test('PUT /v1/calendars/{id} with a hostile body or ID is a 4xx (422 for Zoom where it is not allowed) and writes nothing', async () => {
    const badCalendarFields = {
      name: badName,
      type: fc.oneof(fc.constantFrom('ROUND_ROBIN', 'round-robin', 'group', '', 'roundrobin '), notStringOrNull),
      teamMemberIds: fc.oneof(
        notString.filter((value) => !Array.isArray(value)),
        fc.constant(null),
        fc.array(badBodyId, { minLength: 1, maxLength: 3 }),
        fc.array(unknownId, { minLength: 1, maxLength: 3 }), // unknown users: 400 naming them
        fc.constant(['HOST', 'HOST']).map(() => [known.hostId, known.hostId]),
        fc.constant(null).map(() => Array.from({ length: 501 }, (_, i) => `${PREFIX}-${i}`)),
      ),
      meetingLocation: fc.oneof(
        notStringOrNull,
        fc.constantFrom(
          { type: 'static' },
          { type: 'static', value: '' },
          { type: 'static', value: '   ' },
          { type: 'teams' },
          { value: 'x' },
          { type: 'ZOOM' },
          { type: 'static', value: 42 },
        ),
        hugeString(2_001, 100_000).map((value) => ({ type: 'static', value })),
      ),
      slotCapacity: fc.oneof(
        fc.constantFrom(0, -1, 1.5, 1001, 1e308, '2', '1'),
        fc.integer({ max: 0 }),
        fc.integer({ min: 1001 }),
        fc.double().filter((n) => !Number.isInteger(n)),
        notString.filter((value) => typeof value !== 'number'),
      ),
      timezone: badTimezone,
    };
    const zoomWhereNotAllowed = fc.oneof(
      fc
        .constantFrom('service', 'personal', 'class', 'event')
        .map((type): Body => ({ json: { ...validCalendar(), type, meetingLocation: { type: 'zoom' } } })),
      fc.constantFrom('round_robin', 'collective').map((type): Body => ({
        json: { ...validCalendar(), type, teamMemberIds: [], meetingLocation: { type: 'zoom' } },
      })),
    );
    const requests = fc.oneof(
      fc.tuple(
        unknownId,
        hostileBodies(
          validCalendar,
          badCalendarFields,
          ['name', 'type', 'teamMemberIds', 'meetingLocation'],
          [zoomWhereNotAllowed],
        ),
      ),
      fc.tuple(
        badIdString,
        fc.constant(null).map((): Body => ({ json: validCalendar() })),
      ),
    );
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, body]) => {
        const path = `/v1/calendars/${pathOf(id)}`;
        expectRefusal(await send('PUT', path, body), describeRequest('PUT', path, bodyText(body)));
        expectRefusal(await suite.api.get(path), `GET ${path} after`);
      }),
    );
  });

  test('GET of users, contacts, calendars and notifications with unknown or malformed IDs is a 404 or 400', async () => {
    const paths = fc.tuple(
      fc.oneof(unknownId, badIdString),
      fc.constantFrom(
        '/v1/users/%s',
        '/v1/contacts/%s',
        '/v1/calendars/%s',
        '/v1/users/%s/notifications',
        '/v1/users/%s/integrations/zoom',
      ),
    );
    await expectNothingChanged(() =>
      assertProperty(paths, async ([id, template]) => {
        const path = template.replace('%s', pathOf(id));
        expectRefusal(await suite.api.get(path), `GET ${path}`);
      }),
    );
  });
});

testOnlyWorkflowsBookedOnPurpose(suite);
