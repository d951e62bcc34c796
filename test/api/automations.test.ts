/**
 * The automations API over HTTP (API.md "Automations"): create, read, list, new versions, and every
 * way a definition is refused, each with the path of the value to fix and nothing stored.
 */
import { startTestEngine, uniqueId, TEST_API_KEY, type TestEngine } from '../harness/engine';
import {
  appointmentStatusTrigger,
  automationDefinition,
  internalNotification,
  sendEmail,
  sendSms,
  wait,
  waitForAppointmentTime,
  condition,
  weekdayWindow,
} from '../harness/automation-definitions';

let t: TestEngine;
beforeAll(async () => {
  t = await startTestEngine();
});
afterAll(async () => {
  await t?.stop();
});

type Json = Record<string, unknown>;

const trigger = appointmentStatusTrigger();

/** A valid, published definition: confirmation, then a reminder a day before. */
const definition = (overrides: Json = {}): Json =>
  automationDefinition(
    [
      wait('settle'),
      sendEmail('confirm'),
      sendSms('confirm-sms'),
      internalNotification('tell-host'),
      waitForAppointmentTime('day-before'),
      sendSms('remind'),
    ],
    { name: 'Confirmation and reminder', ...overrides },
  );
/** The valid definition with its actions replaced. */
const withActions = (...actions: Json[]): Json => definition({ actions });

const listIds = async (): Promise<string[]> => {
  const response = await t.api.get('/v1/automations');
  expect(response.status).toBe(200);
  return (response.body as Array<{ id: string }>).map((automation) => automation.id);
};

interface ExpectedIssue {
  path: string;
  message: string | RegExp;
}

/**
 * POSTs `body`, expects 400 invalid_automation with exactly these issue paths (in any order), each
 * message matching, and checks nothing was stored.
 */
async function expectRefused(
  body: unknown,
  expected: ExpectedIssue[],
): Promise<Array<{ path: string; message: string }>> {
  const before = await listIds();
  const response = await t.api.post('/v1/automations', body);
  expect(response.status).toBe(400);
  expect(response.body.error.code).toBe('invalid_automation');
  expect(response.body.error.message).toEqual(expect.any(String));
  const issues = response.body.error.issues as Array<{ path: string; message: string }>;
  const paths = (list: Array<{ path: string }>) => [...new Set(list.map((issue) => issue.path))].sort();
  expect(paths(issues)).toEqual(paths(expected));
  for (const want of expected) {
    expect(issues).toContainEqual({
      path: want.path,
      message: typeof want.message === 'string' ? want.message : expect.stringMatching(want.message),
    });
  }
  expect(await listIds()).toEqual(before);
  return issues;
}

describe('creating, reading, listing and versioning', () => {
  test('POST stores version 1 and answers 201 with the definition; GET by id and the list return it', async () => {
    const body = definition();
    const created = await t.api.post('/v1/automations', body);
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      version: 1,
      name: 'Confirmation and reminder',
      status: 'published',
      trigger,
      actions: body.actions,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(created.body.id).not.toBe('');
    expect(Number.isNaN(Date.parse(created.body.createdAt))).toBe(false);
    expect(created.body.createdAt).toMatch(/(Z|[+-]\d\d:\d\d)$/);

    const fetched = await t.api.get(`/v1/automations/${created.body.id}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toEqual(created.body);

    const list = await t.api.get('/v1/automations');
    expect(list.status).toBe(200);
    expect(list.body).toContainEqual(created.body);
  });

  test('each POST creates a new automation with its own id', async () => {
    const first = await t.api.post('/v1/automations', definition({ name: 'First' }));
    const second = await t.api.post('/v1/automations', definition({ name: 'Second' }));
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(first.body.id).not.toBe(second.body.id);
    const ids = await listIds();
    expect(ids).toEqual(expect.arrayContaining([first.body.id, second.body.id]));
  });

  test('defaults are filled in and the name is trimmed: the stored definition is what runs', async () => {
    const created = await t.api.post(
      '/v1/automations',
      definition({
        name: '  Reminders  ',
        trigger: { type: 'appointment_status', filters: { statuses: ['confirmed', 'new'] } },
      }),
    );
    expect(created.status).toBe(201);
    expect(created.body.name).toBe('Reminders');
    expect(created.body.trigger).toEqual({
      type: 'appointment_status',
      filters: { eventType: 'any', statuses: ['confirmed', 'new'] },
    });
    expect((await t.api.get(`/v1/automations/${created.body.id}`)).body.trigger.filters.eventType).toBe('any');
  });

  test('calendar and user filters are kept', async () => {
    const filters = { eventType: 'recurring', statuses: ['new'], calendarIds: ['cal-1', 'cal.2'], userIds: ['u:1'] };
    const created = await t.api.post(
      '/v1/automations',
      definition({ trigger: { type: 'appointment_status', filters } }),
    );
    expect(created.status).toBe(201);
    expect((await t.api.get(`/v1/automations/${created.body.id}`)).body.trigger).toEqual({
      type: 'appointment_status',
      filters,
    });
  });

  test('a draft is stored and listed as a draft', async () => {
    const created = await t.api.post('/v1/automations', definition({ name: 'Work in progress', status: 'draft' }));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', name: 'Work in progress' });
    expect((await t.api.get(`/v1/automations/${created.body.id}`)).body.status).toBe('draft');
    const listed = (await t.api.get('/v1/automations')).body.find((a: { id: string }) => a.id === created.body.id);
    expect(listed).toMatchObject({ status: 'draft', name: 'Work in progress' });
  });

  test('PUT stores version 2 with the new definition, keeping the id and createdAt', async () => {
    const created = (await t.api.post('/v1/automations', definition({ status: 'draft' }))).body;
    const changed = definition({
      name: 'Reminder only',
      status: 'published',
      trigger: { type: 'appointment_status', filters: { eventType: 'one_time', statuses: ['new', 'confirmed'] } },
      actions: [
        waitForAppointmentTime('hour-before', '-1h', 'skip_outbound_until_next_wait'),
        sendSms('remind', 'Soon: {{appointment.only_start_time}}'),
      ],
    });
    const updated = await t.api.put(`/v1/automations/${created.id}`, changed);
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({
      id: created.id,
      version: 2,
      name: 'Reminder only',
      status: 'published',
      trigger: changed.trigger,
      actions: changed.actions,
      createdAt: created.createdAt,
      updatedAt: expect.any(String),
    });
    expect(Date.parse(updated.body.updatedAt)).toBeGreaterThanOrEqual(Date.parse(created.updatedAt));

    const fetched = await t.api.get(`/v1/automations/${created.id}`);
    expect(fetched.body).toEqual(updated.body);
    const listed = (await t.api.get('/v1/automations')).body.filter((a: { id: string }) => a.id === created.id);
    expect(listed).toEqual([updated.body]);

    const third = await t.api.put(`/v1/automations/${created.id}`, definition({ name: 'Third' }));
    expect(third.status).toBe(200);
    expect(third.body).toMatchObject({ id: created.id, version: 3, name: 'Third' });
  });

  test('what GET returned can be sent back with PUT: id, version and timestamps in the body are ignored', async () => {
    const created = (await t.api.post('/v1/automations', definition())).body;
    const readBack = {
      ...created,
      name: 'Renamed',
      version: 99,
      id: 'something-else',
      createdAt: '2000-01-01T00:00:00Z',
    };
    const updated = await t.api.put(`/v1/automations/${created.id}`, readBack);
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ id: created.id, version: 2, name: 'Renamed', createdAt: created.createdAt });
    expect((await t.api.get('/v1/automations/something-else')).status).toBe(404);
  });

  test('repeating a PUT with the same definition changes nothing: same version, same updatedAt', async () => {
    const created = (await t.api.post('/v1/automations', definition())).body;
    const body = definition({ name: 'Edited once' });
    const first = await t.api.put(`/v1/automations/${created.id}`, body);
    expect(first.body.version).toBe(2);
    const repeated = await t.api.put(`/v1/automations/${created.id}`, body);
    expect(repeated.status).toBe(200);
    expect(repeated.body).toEqual(first.body);
    expect((await t.api.get(`/v1/automations/${created.id}`)).body.version).toBe(2);
  });

  test('an invalid PUT is refused with 400 and the stored version is unchanged', async () => {
    const created = (await t.api.post('/v1/automations', definition())).body;
    const response = await t.api.put(
      `/v1/automations/${created.id}`,
      withActions(sendSms('s', 'Hi {{contact.nickname}}')),
    );
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_automation');
    expect(response.body.error.issues).toEqual([
      { path: 'actions[0].body', message: expect.stringContaining('contact.nickname') },
    ]);
    expect((await t.api.get(`/v1/automations/${created.id}`)).body).toEqual(created);
  });

  test('PUT of an unknown id is 404 and creates nothing', async () => {
    const id = uniqueId('no-such-automation');
    const before = await listIds();
    const response = await t.api.put(`/v1/automations/${id}`, definition());
    expect(response.status).toBe(404);
    expect(response.body.error.code).toBe('not_found');
    expect(response.body.error.message).toContain(id);
    expect((await t.api.get(`/v1/automations/${id}`)).status).toBe(404);
    expect(await listIds()).toEqual(before);
  });

  test('GET of an unknown id is 404 in the error format', async () => {
    const response = await t.api.get(`/v1/automations/${uniqueId('no-such-automation')}`);
    expect(response.status).toBe(404);
    expect(response.body).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  test('an id outside the allowed characters is 400 naming automationId', async () => {
    const response = await t.api.get('/v1/automations/bad%20id');
    expect(response.status).toBe(400);
    expect(response.body.error.issues).toEqual([{ path: 'automationId', message: expect.any(String) }]);
  });
});

describe('the API key is required', () => {
  let existing = '';
  beforeAll(async () => {
    existing = (await t.api.post('/v1/automations', definition())).body.id;
  });

  test.each([
    ['no Authorization header', false as const],
    ['a wrong key', 'not-the-key'],
    ['an empty key', ''],
  ])('%s gets 401 on every automations endpoint, and nothing is written', async (_name, auth) => {
    const before = await listIds();
    const requests = [
      t.api.post('/v1/automations', definition(), { auth }),
      t.api.get('/v1/automations', { auth }),
      t.api.get(`/v1/automations/${existing}`, { auth }),
      t.api.put(`/v1/automations/${existing}`, definition({ name: 'Hijacked' }), { auth }),
    ];
    for (const response of await Promise.all(requests)) {
      expect(response.status).toBe(401);
      expect(response.body).toEqual({ error: { code: 'unauthorized', message: expect.any(String) } });
    }
    expect(await listIds()).toEqual(before);
    expect((await t.api.get(`/v1/automations/${existing}`)).body).toMatchObject({
      version: 1,
      name: 'Confirmation and reminder',
    });
  });

  test('the right key is accepted as a bearer token', async () => {
    expect((await t.api.get('/v1/automations', { auth: TEST_API_KEY })).status).toBe(200);
  });
});

describe('templates are checked at publish time, naming the step and the field', () => {
  test('an unknown merge field is refused at its field', async () => {
    await expectRefused(withActions(wait('w'), sendSms('s', 'Your {{appointment.colour}} appointment')), [
      { path: 'actions[1].body', message: /unknown merge field "appointment.colour"/ },
    ]);
  });

  test('an unknown group and a misspelt field are both named', async () => {
    await expectRefused(
      withActions(sendEmail('e', { subject: 'Hi {{customer.first_name}}', text: '{{contact.firstname}}' })),
      [
        { path: 'actions[0].subject', message: /unknown merge field "customer.first_name"/ },
        { path: 'actions[0].text', message: /unknown merge field "contact.firstname"/ },
      ],
    );
  });

  const unclosed = 'Hi {{#if appointment.title}}{{appointment.title}}';
  test.each([
    ['send_email subject', sendEmail('e', { subject: unclosed }), 'actions[0].subject'],
    ['send_email html', sendEmail('e', { html: `<p>${unclosed}</p>` }), 'actions[0].html'],
    ['send_email text', sendEmail('e', { text: unclosed }), 'actions[0].text'],
    ['send_sms body', sendSms('s', unclosed), 'actions[0].body'],
    ['internal_notification subject', internalNotification('n', { subject: unclosed }), 'actions[0].subject'],
    ['internal_notification body', internalNotification('n', { body: unclosed }), 'actions[0].body'],
  ])('a template that does not parse (an unclosed {{#if}}) in the %s is refused', async (_field, action, path) => {
    await expectRefused(withActions(action), [{ path, message: /^template does not parse/ }]);
  });

  test('an unterminated mustache is refused at its field', async () => {
    await expectRefused(withActions(wait('w'), wait('w2'), sendSms('s', 'Hi {{contact.first_name')), [
      { path: 'actions[2].body', message: /^template does not parse/ },
    ]);
  });

  test('the same template problem in several steps is reported once per step', async () => {
    await expectRefused(withActions(sendSms('a', '{{contact.age}}'), sendSms('b', '{{contact.age}} {{contact.age}}')), [
      { path: 'actions[0].body', message: /unknown merge field "contact.age"/ },
      { path: 'actions[1].body', message: /unknown merge field "contact.age"/ },
    ]);
  });
});

describe('template injection is refused with a path, never a server error', () => {
  test.each([
    ['a call to constructor.constructor', '{{constructor.constructor "return process"}}', /is used as a helper/],
    ['a bare __proto__', '{{__proto__}}', /unknown merge field "__proto__"/],
    ['__proto__ under a merge group', '{{contact.__proto__}}', /unknown merge field "contact.__proto__"/],
    ['constructor under a merge group', '{{appointment.constructor}}', /unknown merge field "appointment.constructor"/],
    ['the lookup helper', '{{lookup this "constructor"}}', /is used as a helper/],
    ['lookup as a sub-expression', '{{#if (lookup contact "constructor")}}x{{/if}}', /sub-expressions/],
    ['a partial', 'Hi {{> x}}', /partials/],
    ['a partial block', '{{#> layout}}x{{/layout}}', /partials/],
    ['a decorator', '{{* inline}}', /decorators/],
    ['a data variable', '{{@root.constructor}}', /data variables/],
    ['a parent reference', '{{../contact.first_name}}', /parent references/],
    ['an unescaped triple-stash', '{{{contact.first_name}}}', /skip HTML escaping/],
    ['the each helper', '{{#each contact}}{{this}}{{/each}}', /is not available/],
    ['the with helper', '{{#with contact}}{{first_name}}{{/with}}', /is not available/],
    ['the log helper', '{{log contact.first_name}}', /is used as a helper/],
    ['a named argument', '{{#if contact.name x=1}}y{{/if}}', /named arguments/],
    ['a literal segment', '{{[constructor]}}', /unknown merge field/],
  ])('%s', async (_name, template, message) => {
    await expectRefused(withActions(sendSms('s', template)), [{ path: 'actions[0].body', message }]);
  });

  test('the same in an e-mail subject, e-mail HTML and an internal notification body', async () => {
    await expectRefused(
      withActions(
        sendEmail('e', { subject: '{{constructor.constructor "return process"}}', html: '{{> evil}}' }),
        internalNotification('n', { body: '{{lookup this "constructor"}}' }),
      ),
      [
        { path: 'actions[0].subject', message: /is used as a helper/ },
        { path: 'actions[0].html', message: /partials/ },
        { path: 'actions[1].body', message: /is used as a helper/ },
      ],
    );
  });

  // Handlebars parses deep nesting in quadratic time and the checks walk the tree recursively:
  // a few kilobytes must not hold the server for seconds or overflow its stack.
  const nested = (depth: number) => '{{#if contact.name}}'.repeat(depth) + 'x' + '{{/if}}'.repeat(depth);
  test.each([
    ['blocks nested 5,000 deep', nested(5_000), /at most 100/],
    [
      'an {{else if}} chain 5,000 long',
      '{{#if contact.name}}a' + '{{else if contact.email}}b'.repeat(5_000) + '{{/if}}',
      /at most 100/,
    ],
    [
      'sub-expressions nested 20,000 deep',
      `{{#if ${'(lookup '.repeat(20_000)}contact${')'.repeat(20_000)}}}x{{/if}}`,
      /sub-expressions/,
    ],
    [
      '12,000 distinct unknown fields',
      Array.from({ length: 12_000 }, (_, i) => `{{contact.f${i}}}`).join(''),
      /at most 1000/,
    ],
  ])('a template with %s is refused promptly at its field, not a crash', async (_name, template, message) => {
    const started = Date.now();
    await expectRefused(withActions(internalNotification('n', { body: template })), [
      { path: 'actions[0].body', message },
    ]);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await t.api.get('/healthz', { auth: false })).status).toBe(200);
  });

  test('an ordinary template with comments, blocks and braces in its text is accepted', async () => {
    const html =
      '{{!-- greeting; {{#if}} in a comment is not a block --}}<p>Hi {{contact.first_name}}</p>{{! short }}\n' +
      '{{#if appointment.meeting_location}}<p>{{appointment.meeting_location}}</p>{{else}}<p>Location to follow</p>{{/if}}\n' +
      '{{#unless appointment.notes}}{ no notes }{{/unless}}';
    const response = await t.api.post('/v1/automations', withActions(sendEmail('e', { html })));
    expect(response.status).toBe(201);
    expect(response.body.actions[0].html).toBe(html);
  });

  test('a template may use up to 100 blocks', async () => {
    const blocks = (n: number) => '{{#if contact.name}}x{{/if}}'.repeat(n);
    expect((await t.api.post('/v1/automations', withActions(sendSms('s', blocks(50))))).status).toBe(201);
    await expectRefused(
      withActions(
        sendSms('s', blocks(60)),
        internalNotification('n', { body: blocks(100) }),
        internalNotification('m', { body: blocks(101) }),
      ),
      [
        { path: 'actions[0].body', message: /must be at most 1600 characters/ },
        {
          path: 'actions[2].body',
          message: 'uses 101 {{#if}}/{{#unless}}/{{else}} tags; a template may use at most 100',
        },
      ],
    );
  });

  test('__proto__ and constructor keys in the JSON are dropped: nothing polluted, nothing extra stored', async () => {
    const raw =
      '{"name":"Proto","status":"published","__proto__":{"polluted":"yes"},' +
      '"constructor":{"prototype":{"polluted":"yes"}},' +
      `"trigger":${JSON.stringify(trigger)},` +
      '"actions":[{"id":"s","type":"send_sms","to":"contact","body":"Hi","__proto__":{"polluted":"yes"}}]}';
    const response = await t.api.post('/v1/automations', undefined, { rawBody: raw });
    expect(response.status).toBe(201);
    expect(response.body.actions).toEqual([{ id: 's', type: 'send_sms', to: 'contact', body: 'Hi' }]);
    expect(Object.keys(response.body).sort()).toEqual([
      'actions',
      'createdAt',
      'id',
      'name',
      'status',
      'trigger',
      'updatedAt',
      'version',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('goto', () => {
  test('an unknown target is refused at ifPassed.goto', async () => {
    await expectRefused(withActions(sendSms('s'), waitForAppointmentTime('u', '-1h', { goto: 'nowhere' })), [
      { path: 'actions[1].ifPassed.goto', message: /unknown action id "nowhere"/ },
    ]);
  });

  test('a goto to its own step is refused', async () => {
    await expectRefused(withActions(sendSms('s'), waitForAppointmentTime('u', '-1h', { goto: 'u' })), [
      { path: 'actions[1].ifPassed.goto', message: /names its own step/ },
    ]);
  });

  test('a loop back without a wait is refused', async () => {
    await expectRefused(withActions(sendSms('s'), sendEmail('e'), waitForAppointmentTime('u', '-1h', { goto: 's' })), [
      { path: 'actions[2].ifPassed.goto', message: /makes a loop \(actions\[0\]…actions\[2\]\) with no wait step/ },
    ]);
  });

  test('another wait_for_appointment_time in the loop does not count as a wait', async () => {
    await expectRefused(
      withActions(
        waitForAppointmentTime('earlier', '-2h'),
        sendSms('s'),
        waitForAppointmentTime('u', '-1h', { goto: 'earlier' }),
      ),
      [{ path: 'actions[2].ifPassed.goto', message: /makes a loop/ }],
    );
  });

  test('a loop back with a wait inside, and a forward goto, are accepted', async () => {
    const loop = await t.api.post(
      '/v1/automations',
      withActions(sendSms('s'), wait('pause', '1h'), waitForAppointmentTime('u', '+1h', { goto: 's' })),
    );
    expect(loop.status).toBe(201);
    const forward = await t.api.post(
      '/v1/automations',
      withActions(waitForAppointmentTime('u', '-1h', { goto: 'last' }), sendSms('skipped'), sendSms('last')),
    );
    expect(forward.status).toBe(201);
    expect(forward.body.actions[0].ifPassed).toEqual({ goto: 'last' });
  });
});

describe('durations and offsets', () => {
  test.each([
    ['5x', /must be a duration/],
    ['0m', /must be longer than zero/],
    ['-1h', /must be a duration/],
    ['400d', /must be at most 365 days/],
    ['1.5h', /must be a duration/],
    ['90', /must be a duration/],
    ['', /must be a duration/],
  ])('a wait of "%s" is refused at actions[i].duration', async (duration, message) => {
    await expectRefused(withActions(sendSms('s'), wait('w', duration)), [{ path: 'actions[1].duration', message }]);
  });

  test('a duration that is not a string is refused', async () => {
    await expectRefused(withActions({ id: 'w', type: 'wait', duration: 60 }), [
      { path: 'actions[0].duration', message: /must be a duration/ },
    ]);
  });

  test.each([
    ['24h before', /must be an offset/],
    ['-400d', /within 365 days/],
    ['+53w', /within 365 days/],
    ['--1h', /must be an offset/],
    ['-1.5h', /must be an offset/],
    ['-1x', /must be an offset/],
    ['', /must be an offset/],
  ])('an offset of "%s" is refused at actions[i].offset', async (offset, message) => {
    await expectRefused(withActions(sendSms('s'), waitForAppointmentTime('u', offset)), [
      { path: 'actions[1].offset', message },
    ]);
  });

  test('signed, unsigned and zero offsets and every duration unit are accepted', async () => {
    const response = await t.api.post(
      '/v1/automations',
      withActions(
        wait('a', '90s'),
        wait('b', '1m'),
        wait('c', '24h'),
        wait('d', '2d'),
        wait('e', '1w'),
        waitForAppointmentTime('f', '-24h'),
        waitForAppointmentTime('g', '+2h'),
        waitForAppointmentTime('h', '2h'),
        waitForAppointmentTime('i', '0m'),
      ),
    );
    expect(response.status).toBe(201);
    expect(response.body.actions.map((a: Json) => a.duration ?? a.offset)).toEqual([
      '90s',
      '1m',
      '24h',
      '2d',
      '1w',
      '-24h',
      '+2h',
      '2h',
      '0m',
    ]);
  });

  test('a bad ifPassed policy is refused at actions[i].ifPassed', async () => {
    await expectRefused(withActions(waitForAppointmentTime('u', '-1h', 'later')), [
      { path: 'actions[0].ifPassed', message: /must be "next", "skip_outbound_until_next_wait" or \{"goto"/ },
    ]);
  });
});

describe('actions', () => {
  test('duplicate action ids are refused at the repeated id', async () => {
    await expectRefused(withActions(sendSms('a'), wait('b'), sendSms('a'), sendEmail('b')), [
      { path: 'actions[2].id', message: /duplicate action id "a" \(already used by actions\[0\]\)/ },
      { path: 'actions[3].id', message: /duplicate action id "b" \(already used by actions\[1\]\)/ },
    ]);
  });

  test('an action without an id, or with a bad one, is refused at its id', async () => {
    const { id: _id, ...noId } = sendSms('s');
    await expectRefused(withActions(noId, sendSms('has space')), [
      { path: 'actions[0].id', message: /must be/ },
      { path: 'actions[1].id', message: /must be 1–64 characters/ },
    ]);
  });

  test('an unknown action type is refused at its type', async () => {
    await expectRefused(withActions(sendSms('s'), { id: 'x', type: 'send_fax', to: 'contact', body: 'Hi' }), [
      {
        path: 'actions[1].type',
        message: /must have a "type" of wait, send_email, send_sms, internal_notification, wait_for_appointment_time/,
      },
    ]);
  });

  test('an action that is not an object is refused at its position', async () => {
    await expectRefused(withActions(sendSms('s'), 'send an sms' as unknown as Json), [
      { path: 'actions[1]', message: /.+/ },
    ]);
  });

  test('a misspelt key is refused rather than silently dropped', async () => {
    await expectRefused(withActions({ ...sendSms('s'), bdy: 'Hello' }), [{ path: 'actions[0]', message: /bdy/ }]);
  });

  test('a send_sms to a literal number that is not E.164 is refused at its to', async () => {
    await expectRefused(withActions(wait('w'), sendSms('s', 'Hi', '0155 555 0123')), [
      { path: 'actions[1].to', message: /E\.164/ },
    ]);
  });

  test('a send_sms to a literal E.164 number is accepted', async () => {
    const response = await t.api.post('/v1/automations', withActions(sendSms('s', 'Hi', '+14155550123')));
    expect(response.status).toBe(201);
    expect(response.body.actions[0].to).toBe('+14155550123');
  });

  test('a send_email to something that is not an address is refused at its to', async () => {
    await expectRefused(withActions(sendEmail('e', { to: 'the customer' })), [
      { path: 'actions[0].to', message: /e-mail address/ },
    ]);
  });

  test('an e-mail with neither html nor text is refused at the action', async () => {
    const { html: _html, text: _text, ...subjectOnly } = sendEmail('e');
    await expectRefused(withActions(sendSms('s'), subjectOnly), [
      { path: 'actions[1]', message: 'an e-mail needs "html", "text" or both' },
    ]);
  });

  test('an e-mail without a subject is refused at its subject', async () => {
    const { subject: _subject, ...noSubject } = sendEmail('e');
    await expectRefused(withActions(noSubject), [{ path: 'actions[0].subject', message: /template/ }]);
  });

  test('an empty SMS body is refused at its body', async () => {
    await expectRefused(withActions(sendSms('s', '   ')), [{ path: 'actions[0].body', message: 'must not be empty' }]);
  });

  test('an in-app internal notification to a literal address is refused at its to', async () => {
    await expectRefused(withActions(internalNotification('n', { to: 'ops@example.com' })), [
      { path: 'actions[0].to', message: /in-app notification goes to "assigned_user" or \{"userId": "…"\}/ },
    ]);
  });

  test('an internal notification to the contact is refused: it is for the team', async () => {
    await expectRefused(withActions(internalNotification('n', { channel: 'email', to: 'contact' })), [
      { path: 'actions[0].to', message: /assigned_user/ },
    ]);
  });

  test('an internal notification on an unknown channel is refused at its channel', async () => {
    await expectRefused(withActions(internalNotification('n', { channel: 'slack' })), [
      { path: 'actions[0].channel', message: /"email", "sms" or "in_app"/ },
    ]);
  });

  test('internal notifications to a user id, an address or a number on the matching channel are accepted', async () => {
    const response = await t.api.post(
      '/v1/automations',
      withActions(
        internalNotification('a', { to: { userId: 'user-42' } }),
        internalNotification('b', { channel: 'email', to: 'team@example.com' }),
        internalNotification('c', { channel: 'sms', to: '+33612345678', subject: undefined }),
      ),
    );
    expect(response.status).toBe(201);
    expect(response.body.actions.map((a: Json) => a.to)).toEqual([
      { userId: 'user-42' },
      'team@example.com',
      '+33612345678',
    ]);
  });

  test('empty actions are refused at actions', async () => {
    await expectRefused(withActions(), [{ path: 'actions', message: 'must have at least one action' }]);
  });

  test('actions that are not a list are refused at actions', async () => {
    await expectRefused(definition({ actions: { id: 's' } }), [
      { path: 'actions', message: 'must be a list of actions' },
    ]);
  });
});

describe('trigger, name and status', () => {
  test('missing trigger statuses are refused at trigger.filters.statuses', async () => {
    await expectRefused(definition({ trigger: { type: 'appointment_status', filters: { eventType: 'any' } } }), [
      { path: 'trigger.filters.statuses', message: 'must be a list of statuses, e.g. ["confirmed"]' },
    ]);
  });

  test('an empty list of statuses is refused at trigger.filters.statuses', async () => {
    await expectRefused(definition({ trigger: { type: 'appointment_status', filters: { statuses: [] } } }), [
      { path: 'trigger.filters.statuses', message: 'must name at least one status' },
    ]);
  });

  test('an unknown status is refused at its position in the list', async () => {
    await expectRefused(
      definition({ trigger: { type: 'appointment_status', filters: { statuses: ['confirmed', 'booked'] } } }),
      [
        {
          path: 'trigger.filters.statuses[1]',
          message: 'must be one of new, confirmed, cancelled, showed, noshow, invalid',
        },
      ],
    );
  });

  test('a repeated status, an unknown event type and an empty calendar filter are each named', async () => {
    await expectRefused(
      definition({
        trigger: {
          type: 'appointment_status',
          filters: { eventType: 'weekly', statuses: ['new', 'new'], calendarIds: [] },
        },
      }),
      [
        { path: 'trigger.filters.eventType', message: 'must be "any", "one_time" or "recurring"' },
        { path: 'trigger.filters.statuses', message: 'must not repeat a status' },
        { path: 'trigger.filters.calendarIds', message: /must name at least one calendar/ },
      ],
    );
  });

  test('a missing trigger filter object is refused at trigger.filters', async () => {
    await expectRefused(definition({ trigger: { type: 'appointment_status' } }), [
      { path: 'trigger.filters', message: /must be an object/ },
    ]);
  });

  test('an unknown filter is refused, naming it', async () => {
    await expectRefused(
      definition({ trigger: { type: 'appointment_status', filters: { statuses: ['new'], calendar: 'c1' } } }),
      [{ path: 'trigger.filters', message: /calendar/ }],
    );
  });

  test('another trigger type is refused at trigger.type', async () => {
    await expectRefused(definition({ trigger: { type: 'form_submitted', filters: { statuses: ['new'] } } }), [
      { path: 'trigger.type', message: /appointment_status/ },
    ]);
  });

  test('a missing or blank name and an unknown automation status are refused', async () => {
    await expectRefused(definition({ name: '   ', status: 'live' }), [
      { path: 'name', message: 'must not be empty' },
      { path: 'status', message: 'must be "draft" or "published"' },
    ]);
    await expectRefused(definition({ name: undefined }), [{ path: 'name', message: /string/ }]);
  });
});

describe('bodies that are not automations', () => {
  test('malformed JSON gets 400 invalid_json and stores nothing', async () => {
    const before = await listIds();
    const response = await t.api.post('/v1/automations', undefined, { rawBody: '{"name": "Reminders", "actions": [' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
    expect(await listIds()).toEqual(before);
  });

  test('malformed JSON on PUT gets 400 invalid_json and keeps the version', async () => {
    const created = (await t.api.post('/v1/automations', definition())).body;
    const response = await t.api.put(`/v1/automations/${created.id}`, undefined, { rawBody: '{"name":' });
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_json');
    expect((await t.api.get(`/v1/automations/${created.id}`)).body.version).toBe(1);
  });

  test('no body is refused naming the body', async () => {
    const before = await listIds();
    const response = await t.api.post('/v1/automations');
    expect(response.status).toBe(400);
    expect(response.body.error.code).toBe('invalid_automation');
    expect(response.body.error.issues).toEqual([{ path: '(body)', message: expect.any(String) }]);
    expect(await listIds()).toEqual(before);
  });

  test.each([
    ['null', null],
    ['a string', 'make me an automation'],
    ['a list', [definition()]],
  ])('a JSON %s is refused naming the body', async (_name, body) => {
    await expectRefused(body, [{ path: '(body)', message: /automation|body/ }]);
  });
});

describe('every problem is reported at once', () => {
  test('shape, template, id and goto problems come back together, each with its path', async () => {
    const issues = await expectRefused(
      {
        name: '',
        status: 'published',
        trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['confirmed', 'maybe'] } },
        actions: [
          wait('w', '0m'),
          sendSms('s', 'Hi {{contact.nickname}}'),
          sendSms('s'),
          sendEmail('e', { to: 'not-an-address', subject: '{{#if appointment.title}}' }),
          sendSms('bad-phone', 'x', '12345'),
          waitForAppointmentTime('u', '-1h', { goto: 'missing' }),
          waitForAppointmentTime('loop', 'tomorrow', { goto: 'e' }),
          { id: 'n', type: 'internal_notification', channel: 'in_app', to: 'ops@example.com', body: '{{__proto__}}' },
        ],
      },
      [
        { path: 'name', message: 'must not be empty' },
        { path: 'trigger.filters.statuses[1]', message: /must be one of/ },
        { path: 'actions[0].duration', message: 'must be longer than zero' },
        { path: 'actions[1].body', message: /unknown merge field "contact.nickname"/ },
        { path: 'actions[2].id', message: /duplicate action id "s"/ },
        { path: 'actions[3].to', message: /e-mail address/ },
        { path: 'actions[3].subject', message: /^template does not parse/ },
        { path: 'actions[4].to', message: /E\.164/ },
        { path: 'actions[5].ifPassed.goto', message: /unknown action id "missing"/ },
        { path: 'actions[6].offset', message: /must be an offset/ },
        { path: 'actions[6].ifPassed.goto', message: /makes a loop/ },
        { path: 'actions[7].to', message: /in-app/ },
        { path: 'actions[7].body', message: /unknown merge field "__proto__"/ },
      ],
    );
    expect(issues).toHaveLength(13);
  });

  test('the error message counts the problems', async () => {
    const response = await t.api.post('/v1/automations', withActions(sendSms('a', '{{x.y}}'), sendSms('a')));
    expect(response.status).toBe(400);
    expect(response.body.error.message).toBe('the automation has 2 problems');
  });
});

describe('idempotent writes', () => {
  const definition = () => ({
    name: 'Chosen ID',
    status: 'draft',
    trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'] } },
    actions: [{ id: 'hello', type: 'send_sms', to: 'contact', body: 'Hello {{contact.first_name}}' }],
  });

  test('a POST with a chosen id: 201, the same again 200 (one automation), another body 409', async () => {
    const id = `auto-${Date.now()}`;
    const first = await t.api.post('/v1/automations', { id, ...definition() });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ id, version: 1 });
    const again = await t.api.post('/v1/automations', { id, ...definition() });
    expect(again.status).toBe(200);
    expect(again.body).toEqual(first.body);
    const other = await t.api.post('/v1/automations', { id, ...definition(), name: 'Another' });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('automation_exists');
    const list = (await t.api.get('/v1/automations')).body as { id: string }[];
    expect(list.filter((a) => a.id === id)).toHaveLength(1);
  });

  test('two identical PUTs at once make one new version', async () => {
    const created = await t.api.post('/v1/automations', definition());
    const changed = { ...definition(), name: 'Renamed' };
    const [a, b] = await Promise.all([
      t.api.put(`/v1/automations/${created.body.id}`, changed),
      t.api.put(`/v1/automations/${created.body.id}`, changed),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await t.api.get(`/v1/automations/${created.body.id}`)).body.version).toBe(2);
  });
});

describe('windows on waits and condition steps (API.md "Automations, additions")', () => {
  test('are stored and read back as written', async () => {
    const actions = [
      { ...wait('settle', '1h'), window: weekdayWindow() },
      condition(
        'confirmed',
        [
          { field: 'status', in: ['confirmed'] },
          { field: 'start', after: '+2h' },
        ],
        {
          match: 'any',
          then: 'next',
          else: 'remind',
        },
      ),
      sendSms('confirm-sms'),
      { ...waitForAppointmentTime('day-before'), window: weekdayWindow({ timezone: 'Europe/Paris', to: '24:00' }) },
      sendSms('remind'),
    ];
    const created = await t.api.post('/v1/automations', withActions(...actions));
    expect(created.status).toBe(201);
    expect((await t.api.get(`/v1/automations/${created.body.id}`)).body.actions).toEqual(actions);
  });

  test('a bad window and bad condition steps are refused at their paths, nothing stored', async () => {
    await expectRefused(
      withActions(
        { ...wait('settle', '1h'), window: weekdayWindow({ days: ['mon', 'mon'], from: '18:00' }) },
        condition('check', [], { then: 'nowhere' }),
        sendSms('confirm-sms'),
        condition('again', [{ field: 'contact.email', exists: 'yes' }], { else: 'confirm-sms' }),
        { ...waitForAppointmentTime('day-before'), window: weekdayWindow({ timezone: 'Europe/Atlantis' }) },
      ),
      [
        { path: 'actions[0].window.days', message: 'must not repeat a day' },
        { path: 'actions[0].window.from', message: 'must be before "to" (17:00)' },
        { path: 'actions[1].if', message: 'must have at least one predicate' },
        { path: 'actions[1].then', message: /^unknown action id "nowhere"/ },
        { path: 'actions[3].if[0].exists', message: 'must be true or false' },
        { path: 'actions[3].else', message: /makes a loop \(actions\[2\]…actions\[3\]\) with no wait step/ },
        { path: 'actions[4].window.timezone', message: /IANA time zone/ },
      ],
    );
  });
});
