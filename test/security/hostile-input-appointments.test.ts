/**
 * Hostile input to the appointments: bad bodies for POST and PATCH (bad instants, times in the wrong
 * order or too long, unknown references, huge text), unknown or malformed IDs, malformed DELETE bodies.
 * A 4xx in the contract's error format, never a 5xx; the database and the booked appointment's view
 * stay the same, and no appointment workflow is started.
 */
import fc from 'fast-check';
import { uniqueId } from '../harness/engine';
import { hoursFromNow, plusMinutes } from '../harness/reference-data';
import {
  bodyText,
  parsedRaw,
  unknownId,
  badIdString,
  pathOf,
  notString,
  notStringOrNull,
  badBodyId,
  hugeString,
  badInstant,
  malformedJson,
  hostileBodies,
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
const { known, bookedOnPurpose, send, expectNothingChanged, expectNoWorkflow, validAppointment } = suite;

describe('appointments', () => {
  const createBodies = () => {
    const badFields = {
      id: badBodyId,
      calendarId: fc.oneof(badBodyId, unknownId),
      contactId: fc.oneof(badBodyId, unknownId),
      assignedUserId: fc.oneof(
        badBodyId.filter((value) => value !== undefined),
        unknownId,
        fc.constant('OUTSIDER').map(() => known.outsiderId),
      ),
      title: fc.oneof(hugeString(301, 100_000), notString),
      notes: fc.oneof(hugeString(5_001, 200_000), notString),
      startTime: badInstant,
      endTime: badInstant,
      status: fc.oneof(
        fc.constantFrom('cancelled', 'showed', 'noshow', 'invalid', 'CONFIRMED', 'Confirmed', '', 'deleted'),
        notStringOrNull,
      ),
      eventType: fc.oneof(fc.constantFrom('any', 'ONE_TIME', 'recurrent', ''), notStringOrNull),
    };
    // well-formed times in the wrong order, or too long
    const badTimes = fc
      .tuple(
        unknownId,
        fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }),
        fc.oneof(fc.integer({ min: -10_000_000, max: 0 }), fc.integer({ min: 24 * 60 + 1, max: 10_000_000 })),
      )
      .map(([id, start, minutes]): Body => ({
        json: {
          ...validAppointment(id),
          startTime: start.toISOString(),
          endTime: new Date(start.getTime() + minutes * 60_000).toISOString(),
        },
      }));
    return unknownId.chain((id) =>
      hostileBodies(
        () => validAppointment(id),
        badFields,
        ['id', 'calendarId', 'contactId', 'startTime', 'endTime'],
        [badTimes],
      ),
    );
  };

  test('POST /v1/appointments with a hostile body is a 4xx and starts no workflow', async () => {
    await expectNothingChanged(() =>
      assertProperty(
        createBodies(),
        async (body) => {
          const response = await send('POST', '/v1/appointments', body);
          expectRefusal(response, describeRequest('POST', '/v1/appointments', bodyText(body)));
          const id = 'json' in body ? (body.json as { id?: unknown } | null)?.id : parsedRaw(body.raw)?.id;
          await expectNoWorkflow(id);
          if (typeof id === 'string' && /^[A-Za-z0-9_.:-]{1,128}$/.test(id))
            expectRefusal(await suite.api.get(`/v1/appointments/${id}`), `GET ${id} after`);
        },
        100,
      ),
    );
  });

  test('PATCH /v1/appointments/{id} with a hostile body leaves the appointment as it was', async () => {
    const badFields = {
      startTime: badInstant,
      endTime: badInstant,
      title: fc.oneof(hugeString(301, 100_000), notString),
      notes: fc.oneof(hugeString(5_001, 200_000), notString),
      status: fc.oneof(
        fc.constantFrom('CANCELLED', 'canceled', 'deleted', '', 'confirmed ', 'new\u0000'),
        notStringOrNull,
      ),
      assignedUserId: fc.oneof(
        badBodyId,
        unknownId,
        fc.constant('OUTSIDER').map(() => known.outsiderId),
      ),
      // unknown keys are refused (a typo must not vanish), including ones named like the view's fields
      id: fc.string(),
      calendarId: fc.constant(known.calendarId),
      deleted: fc.boolean(),
      timeline: fc.constant([]),
    };
    // well-formed times that contradict the appointment's other end
    const contradictingTimes = fc
      .constantFrom(
        (): Body => ({ json: { endTime: plusMinutes(known.startTime, -60) } }),
        (): Body => ({ json: { startTime: plusMinutes(known.endTime, 60) } }),
        (): Body => ({ json: { startTime: known.endTime, endTime: known.startTime } }),
        (): Body => ({ json: {} }),
      )
      .map((make) => make());
    const bodies = hostileBodies(() => ({ title: 'Changed' }), badFields, [], [contradictingTimes]);
    await expectNothingChanged(() =>
      assertProperty(bodies, async (body) => {
        const path = `/v1/appointments/${known.appointmentId}`;
        expectRefusal(await send('PATCH', path, body), describeRequest('PATCH', path, bodyText(body)));
      }),
    );
  });

  test('a PATCH cannot stretch an appointment beyond the 24 hours a booking may last', async () => {
    const id = uniqueId('appt');
    bookedOnPurpose.add(id);
    const start = hoursFromNow(150);
    const booking = {
      id,
      calendarId: known.calendarId,
      contactId: known.contactId,
      startTime: start,
      endTime: plusMinutes(start, 30),
    };
    expect((await suite.api.post('/v1/appointments', booking)).status).toBe(201);
    // what creation refuses…
    const tooLong = await suite.api.post('/v1/appointments', {
      ...booking,
      id: uniqueId('appt'),
      endTime: plusMinutes(start, 25 * 60),
    });
    expect(tooLong.status).toBe(400);
    // …an edit must refuse too
    const before = (await suite.api.get(`/v1/appointments/${id}`)).body;
    const stretched = await suite.api.patch(`/v1/appointments/${id}`, { endTime: plusMinutes(start, 25 * 60) });
    expectRefusal(stretched, 'PATCH endTime 25 h after startTime');
    expect(stretched.body.error.issues).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'endTime' })]));
    expect((await suite.api.get(`/v1/appointments/${id}`)).body).toEqual(before);
  });

  test('PATCH, DELETE, GET and GET messages of unknown or malformed appointment IDs are a 404 or 400 and start nothing', async () => {
    const requests = fc.tuple(
      fc.oneof(unknownId, badIdString),
      fc.constantFrom(
        ['PATCH', '', { json: { title: 'x' } }],
        ['PATCH', '', { json: { assignedUserId: 'HOST' } }],
        ['DELETE', '', undefined],
        ['DELETE', '', { raw: '{' }],
        ['GET', '', undefined],
        ['GET', '/messages', undefined],
      ) as fc.Arbitrary<[string, string, Body | undefined]>,
    );
    await expectNothingChanged(() =>
      assertProperty(requests, async ([id, [method, suffix, template]]) => {
        const body =
          template && 'json' in template && (template.json as { assignedUserId?: string }).assignedUserId
            ? { json: { assignedUserId: known.hostId } }
            : template;
        const path = `/v1/appointments/${pathOf(id)}${suffix}`;
        expectRefusal(await send(method, path, body), describeRequest(method, path, bodyText(body)));
        await expectNoWorkflow(id);
      }),
    );
  });

  test('DELETE of a booked appointment with a malformed body is refused and deletes nothing', async () => {
    await expectNothingChanged(() =>
      assertProperty(
        malformedJson,
        async (raw) => {
          const path = `/v1/appointments/${known.appointmentId}`;
          expectRefusal(await send('DELETE', path, { raw }), describeRequest('DELETE', path, raw));
        },
        30,
      ),
    );
  });
});

testOnlyWorkflowsBookedOnPurpose(suite);
