import { isOutboundAction, type AutomationAction } from '../../src/domain/automation';
import { validateAutomation, type ValidationIssue } from '../../src/domain/automation-validation';
import {
  automationDefinition as automation,
  sendSms,
  wait,
  waitForAppointmentTime,
} from '../harness/automation-definitions';

type RawAction = Record<string, unknown>;

const issuesOf = (input: unknown): ValidationIssue[] => {
  const result = validateAutomation(input);
  return result.ok ? [] : result.issues;
};

describe('a valid automation', () => {
  test('passes, with defaults filled in and unknown top-level keys dropped', () => {
    const result = validateAutomation({
      id: 'aut_1', // what a client read back may carry; ignored
      version: 3,
      name: '  Reminders ',
      status: 'draft',
      trigger: { type: 'appointment_status', filters: { statuses: ['confirmed', 'new'], calendarIds: ['cal-1'] } },
      actions: [
        wait('w', '1h'),
        sendSms('s', 'Hi {{contact.first_name}}'),
        waitForAppointmentTime('u', '-24h', 'next'),
      ],
    });
    expect(result).toEqual({
      ok: true,
      value: {
        name: 'Reminders',
        status: 'draft',
        trigger: {
          type: 'appointment_status',
          filters: { eventType: 'any', statuses: ['confirmed', 'new'], calendarIds: ['cal-1'] },
        },
        actions: [
          { id: 'w', type: 'wait', duration: '1h' },
          { id: 's', type: 'send_sms', to: 'contact', body: 'Hi {{contact.first_name}}' },
          { id: 'u', type: 'wait_for_appointment_time', offset: '-24h', ifPassed: 'next' },
        ],
      },
    });
  });

  test('accepts every action type and every recipient form of API.md', () => {
    const actions: RawAction[] = [
      wait('w', '90s'),
      { id: 'e1', type: 'send_email', to: 'contact', subject: 'Hi', html: '<p>{{contact.name}}</p>' },
      { id: 'e2', type: 'send_email', to: 'assigned_user', subject: 'Hi', text: '{{contact.name}}' },
      { id: 'e3', type: 'send_email', to: 'ops@example.com', subject: 'Hi', html: '<p>x</p>', text: 'x' },
      sendSms('s1', 'Hi {{contact.first_name}}'),
      { id: 's2', type: 'send_sms', to: 'assigned_user', body: 'x' },
      { id: 's3', type: 'send_sms', to: '+14155550123', body: 'x' },
      { id: 'n1', type: 'internal_notification', channel: 'in_app', to: 'assigned_user', body: 'x' },
      { id: 'n2', type: 'internal_notification', channel: 'in_app', to: { userId: 'u-1' }, subject: 'S', body: 'x' },
      { id: 'n3', type: 'internal_notification', channel: 'email', to: 'team@example.com', subject: 'S', body: 'x' },
      { id: 'n4', type: 'internal_notification', channel: 'sms', to: '+33612345678', body: 'x' },
      { id: 'n5', type: 'internal_notification', channel: 'sms', to: { userId: 'u-2' }, body: 'x' },
      waitForAppointmentTime('t1', '-24h', 'skip_outbound_until_next_wait'),
      waitForAppointmentTime('t2', '+2h', { goto: 't3' }),
      waitForAppointmentTime('t3', '0m', 'next'),
    ];
    expect(issuesOf(automation(actions))).toEqual([]);
  });
});

describe('triggers', () => {
  test('appointment_booked takes optional calendar, user and source filters; without filters it matches every booking', () => {
    const booked = (trigger: unknown) => validateAutomation(automation([wait('w', '1m')], { trigger }));
    expect(booked({ type: 'appointment_booked' })).toMatchObject({
      ok: true,
      value: { trigger: { type: 'appointment_booked', filters: {} } },
    });
    const filters = { calendarIds: ['cal-1'], userIds: ['u-1'], sources: ['api', 'user'] };
    expect(booked({ type: 'appointment_booked', filters })).toMatchObject({
      ok: true,
      value: { trigger: { type: 'appointment_booked', filters } },
    });
  });

  test('appointment_status takes an optional source filter', () => {
    const trigger = { type: 'appointment_status', filters: { statuses: ['confirmed'], sources: ['contact'] } };
    expect(validateAutomation(automation([wait('w', '1m')], { trigger }))).toMatchObject({
      ok: true,
      value: { trigger: { filters: { eventType: 'any', statuses: ['confirmed'], sources: ['contact'] } } },
    });
  });
});

describe('shape errors carry the path of the value to fix', () => {
  test.each<[string, unknown, ValidationIssue[]]>([
    [
      'an unknown status',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_status', filters: { statuses: ['booked'] } },
      }),
      [
        {
          path: 'trigger.filters.statuses[0]',
          message: 'must be one of new, confirmed, cancelled, showed, noshow, invalid',
        },
      ],
    ],
    [
      'no status',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_status', filters: { statuses: [] } },
      }),
      [{ path: 'trigger.filters.statuses', message: 'must name at least one status' }],
    ],
    [
      'an empty calendar filter',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_status', filters: { statuses: ['new'], calendarIds: [] } },
      }),
      [
        {
          path: 'trigger.filters.calendarIds',
          message: 'must name at least one calendar; omit it to match every calendar',
        },
      ],
    ],
    [
      'a bad user id in the filter',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_status', filters: { statuses: ['new'], userIds: ['a b'] } },
      }),
      [{ path: 'trigger.filters.userIds[0]', message: 'must be 1–128 characters of A–Z, a–z, 0–9, _ . : -' }],
    ],
    [
      'another trigger type',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], { trigger: { type: 'form_submitted', filters: {} } }),
      [{ path: 'trigger.type', message: 'must have a "type" of appointment_status or appointment_booked' }],
    ],
    [
      'an unknown source in the status filter',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_status', filters: { statuses: ['confirmed'], sources: ['api', 'webhook'] } },
      }),
      [{ path: 'trigger.filters.sources[1]', message: 'must be one of api, contact, user, automation' }],
    ],
    [
      'a repeated source',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_booked', filters: { sources: ['contact', 'contact'] } },
      }),
      [{ path: 'trigger.filters.sources', message: 'must not repeat a source' }],
    ],
    [
      'an empty source filter',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_booked', filters: { sources: [] } },
      }),
      [{ path: 'trigger.filters.sources', message: 'must name at least one source; omit it to match every source' }],
    ],
    [
      'statuses on the booked trigger',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], {
        trigger: { type: 'appointment_booked', filters: { statuses: ['new'] } },
      }),
      [{ path: 'trigger.filters', message: 'Unrecognized key: "statuses"' }],
    ],
    [
      'a bad automation status',
      automation([sendSms('s', 'Hi {{contact.first_name}}')], { status: 'live' }),
      [{ path: 'status', message: 'must be "draft" or "published"' }],
    ],
    ['no actions', automation([]), [{ path: 'actions', message: 'must have at least one action' }]],
    [
      'a bad duration',
      automation([wait('w', '5 minutes')]),
      [
        {
          path: 'actions[0].duration',
          message: 'must be a duration: a whole number and a unit s, m, h, d or w, e.g. 90s, 1m, 24h, 2d, 1w',
        },
      ],
    ],
    [
      'a duration over a year',
      automation([wait('w', '400d')]),
      [{ path: 'actions[0].duration', message: 'must be at most 365 days' }],
    ],
    [
      'a bad offset',
      automation([waitForAppointmentTime('u', '24h before', 'next')]),
      [
        {
          path: 'actions[0].offset',
          message: 'must be an offset: a signed duration such as -24h, +2h or -30m (unsigned means after)',
        },
      ],
    ],
    [
      'a bad ifPassed',
      automation([waitForAppointmentTime('u', '-1h', 'later')]),
      [
        {
          path: 'actions[0].ifPassed',
          message: 'must be "next", "skip_outbound_until_next_wait" or {"goto": "<action id>"}',
        },
      ],
    ],
    [
      'a bad action id',
      automation([wait('no spaces', '1h')]),
      [{ path: 'actions[0].id', message: 'must be 1–64 characters of A–Z, a–z, 0–9, _ and -' }],
    ],
    [
      'an unknown action type',
      automation([{ id: 'g', type: 'goto', target: 'x' }]),
      [
        {
          path: 'actions[0].type',
          message:
            'must have a "type" of wait, send_email, send_sms, internal_notification, wait_for_appointment_time, condition',
        },
      ],
    ],
    [
      'a misspelt key',
      automation([{ ...sendSms('s', 'Hi {{contact.first_name}}'), bdy: 'x' }]),
      [{ path: 'actions[0]', message: 'Unrecognized key: "bdy"' }],
    ],
    [
      'an e-mail without a body',
      automation([{ id: 'e', type: 'send_email', to: 'contact', subject: 'Hi' }]),
      [{ path: 'actions[0]', message: 'an e-mail needs "html", "text" or both' }],
    ],
    [
      'an empty SMS body',
      automation([sendSms('s', '  ')]),
      [{ path: 'actions[0].body', message: 'must not be empty' }],
    ],
    [
      'an e-mail to a phone number',
      automation([{ id: 'e', type: 'send_email', to: '+14155550123', subject: 'Hi', text: 'x' }]),
      [{ path: 'actions[0].to', message: 'must be "contact", "assigned_user" or an e-mail address' }],
    ],
    [
      'an SMS to an e-mail address',
      automation([{ id: 's', type: 'send_sms', to: 'ada@example.com', body: 'x' }]),
      [
        {
          path: 'actions[0].to',
          message: 'must be "contact", "assigned_user" or a phone number in E.164 form, e.g. +14155550123',
        },
      ],
    ],
    [
      'an in-app notification to an address',
      automation([{ id: 'n', type: 'internal_notification', channel: 'in_app', to: 'ops@example.com', body: 'x' }]),
      [
        {
          path: 'actions[0].to',
          message: 'an in-app notification goes to "assigned_user" or {"userId": "…"}, not to an address',
        },
      ],
    ],
    [
      'an internal e-mail to a phone number',
      automation([{ id: 'n', type: 'internal_notification', channel: 'email', to: '+14155550123', body: 'x' }]),
      [{ path: 'actions[0].to', message: 'must be "assigned_user", {"userId": "…"} or an e-mail address' }],
    ],
    [
      'an internal SMS to an e-mail address',
      automation([{ id: 'n', type: 'internal_notification', channel: 'sms', to: 'ops@example.com', body: 'x' }]),
      [
        {
          path: 'actions[0].to',
          message: 'must be "assigned_user", {"userId": "…"} or a phone number in E.164 form, e.g. +14155550123',
        },
      ],
    ],
    [
      'an internal notification to the contact',
      automation([{ id: 'n', type: 'internal_notification', channel: 'email', to: 'contact', body: 'x' }]),
      [{ path: 'actions[0].to', message: 'must be "assigned_user", {"userId": "…"} or an e-mail address' }],
    ],
    [
      'an internal notification to a bad user id',
      automation([{ id: 'n', type: 'internal_notification', channel: 'in_app', to: { userId: '' }, body: 'x' }]),
      [{ path: 'actions[0].to.userId', message: 'must be 1–128 characters of A–Z, a–z, 0–9, _ . : -' }],
    ],
    [
      'an unknown channel',
      automation([{ id: 'n', type: 'internal_notification', channel: 'slack', to: 'assigned_user', body: 'x' }]),
      [{ path: 'actions[0].channel', message: 'must be "email", "sms" or "in_app"' }],
    ],
    [
      'not an object',
      'hello',
      [{ path: '(body)', message: 'must be an automation: {name, status, trigger, actions}' }],
    ],
  ])('%s', (_case, input, expected) => {
    expect(issuesOf(input)).toEqual(expected);
  });

  test('more than 200 actions are refused', () => {
    const actions = Array.from({ length: 201 }, (_, i) => wait(`w${i}`, '1h'));
    expect(issuesOf(automation(actions))).toEqual([{ path: 'actions', message: 'must have at most 200 actions' }]);
  });
});

describe('action ids', () => {
  test('a repeated id is reported at its second use', () => {
    expect(
      issuesOf(
        automation([
          sendSms('a', 'Hi {{contact.first_name}}'),
          wait('b', '1h'),
          sendSms('a', 'Hi {{contact.first_name}}'),
          sendSms('b', 'Hi {{contact.first_name}}'),
        ]),
      ),
    ).toEqual([
      { path: 'actions[2].id', message: 'duplicate action id "a" (already used by actions[0])' },
      { path: 'actions[3].id', message: 'duplicate action id "b" (already used by actions[1])' },
    ]);
  });
});

describe('templates', () => {
  test('every template field is checked, naming the field path and the unknown merge field', () => {
    const issues = issuesOf(
      automation([
        {
          id: 'e',
          type: 'send_email',
          to: 'contact',
          subject: 'Hi {{contact.nmae}}',
          html: '<p>{{appointment.start_time}}</p>\n<p>{{appointment.location}}</p>',
          text: '{{user.first_name}}',
        },
        sendSms('s', 'See you {{appointment.when}}'),
        {
          id: 'n',
          type: 'internal_notification',
          channel: 'in_app',
          to: 'assigned_user',
          subject: '{{calendar.title}}',
          body: '{{contact.age}}',
        },
      ]),
    );
    expect(issues).toEqual([
      { path: 'actions[0].subject', message: 'unknown merge field "contact.nmae" (line 1, column 6)' },
      { path: 'actions[0].html', message: 'unknown merge field "appointment.location" (line 2, column 6)' },
      { path: 'actions[1].body', message: 'unknown merge field "appointment.when" (line 1, column 11)' },
      { path: 'actions[2].subject', message: 'unknown merge field "calendar.title" (line 1, column 3)' },
      { path: 'actions[2].body', message: 'unknown merge field "contact.age" (line 1, column 3)' },
    ]);
  });

  test('a template that does not parse is reported at its field', () => {
    const [issue, ...rest] = issuesOf(automation([sendSms('s', 'Hi {{contact.first_name')]));
    expect(rest).toEqual([]);
    expect(issue?.path).toBe('actions[0].body');
    expect(issue?.message).toMatch(/^template does not parse: Parse error on line 1:/);
  });

  test('helpers, partials and code are refused', () => {
    expect(issuesOf(automation([sendSms('s', '{{> footer}}{{constructor.constructor "return process"}}')]))).toEqual([
      { path: 'actions[0].body', message: 'partials ({{> name}}) are not available (line 1, column 1)' },
      {
        path: 'actions[0].body',
        message:
          '"constructor.constructor" is used as a helper; the only helpers are the blocks {{#if field}} and {{#unless field}} (line 1, column 13)',
      },
    ]);
  });
});

describe('goto', () => {
  test('an unknown target is refused', () => {
    expect(
      issuesOf(
        automation([
          sendSms('s', 'Hi {{contact.first_name}}'),
          waitForAppointmentTime('u', '-1h', { goto: 'nowhere' }),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[1].ifPassed.goto',
        message: 'unknown action id "nowhere": goto must name an action of this automation',
      },
    ]);
  });

  test('a goto to its own step is refused', () => {
    expect(
      issuesOf(
        automation([sendSms('s', 'Hi {{contact.first_name}}'), waitForAppointmentTime('u', '-1h', { goto: 'u' })]),
      ),
    ).toEqual([
      { path: 'actions[1].ifPassed.goto', message: 'goto "u" names its own step, which would repeat it forever' },
    ]);
  });

  test('a forward goto is fine', () => {
    expect(
      issuesOf(
        automation([
          waitForAppointmentTime('u', '-1h', { goto: 'last' }),
          sendSms('skipped', 'Hi {{contact.first_name}}'),
          sendSms('last', 'Hi {{contact.first_name}}'),
        ]),
      ),
    ).toEqual([]);
  });

  test('a loop back without a wait is refused', () => {
    expect(
      issuesOf(
        automation([
          sendSms('s', 'Hi {{contact.first_name}}'),
          sendSms('t', 'Hi {{contact.first_name}}'),
          waitForAppointmentTime('u', '-1h', { goto: 's' }),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[2].ifPassed.goto',
        message: 'goto "s" makes a loop (actions[0]…actions[2]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a loop back with a wait is fine, wherever the wait is in the loop', () => {
    expect(
      issuesOf(
        automation([
          wait('w', '1h'),
          sendSms('s', 'Hi {{contact.first_name}}'),
          waitForAppointmentTime('u', '-1h', { goto: 'w' }),
        ]),
      ),
    ).toEqual([]);
    expect(
      issuesOf(
        automation([
          sendSms('s', 'Hi {{contact.first_name}}'),
          wait('w', '1h'),
          waitForAppointmentTime('u', '-1h', { goto: 's' }),
        ]),
      ),
    ).toEqual([]);
  });

  test('a wait before the loop does not count', () => {
    expect(
      issuesOf(
        automation([
          wait('w', '1h'),
          sendSms('s', 'Hi {{contact.first_name}}'),
          waitForAppointmentTime('u', '-1h', { goto: 's' }),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[2].ifPassed.goto',
        message: 'goto "s" makes a loop (actions[1]…actions[2]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('another wait_for_appointment_time does not bound a loop: once passed, it stays passed', () => {
    // First round: "earlier" may wait until 2 h before. After the goto fires (1 h before has
    // passed), "earlier" has passed too and falls through: the loop would spin.
    expect(
      issuesOf(
        automation([
          waitForAppointmentTime('earlier', '-2h', 'next'),
          sendSms('s', 'Hi {{contact.first_name}}'),
          waitForAppointmentTime('u', '-1h', { goto: 'earlier' }),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[2].ifPassed.goto',
        message: 'goto "earlier" makes a loop (actions[0]…actions[2]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a loop whose wait can be jumped over by another goto is refused', () => {
    // s → skip-wait may go straight to back, leaving out the wait: a loop with no wait.
    const actions = [
      sendSms('s', 'Hi {{contact.first_name}}'),
      waitForAppointmentTime('skip-wait', '-1h', { goto: 'back' }),
      wait('w', '1h'),
      waitForAppointmentTime('back', '-1h', { goto: 's' }),
    ];
    expect(issuesOf(automation(actions))).toEqual([
      {
        path: 'actions[3].ifPassed.goto',
        message: 'goto "s" makes a loop (actions[0]…actions[3]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a goto to a duplicated id resolves to its first use', () => {
    expect(
      issuesOf(
        automation([
          sendSms('s', 'Hi {{contact.first_name}}'),
          wait('w', '1h'),
          waitForAppointmentTime('u', '-1h', { goto: 's' }),
          sendSms('s', 'Hi {{contact.first_name}}'),
        ]),
      ),
    ).toEqual([{ path: 'actions[3].id', message: 'duplicate action id "s" (already used by actions[0])' }]);
  });
});

describe('all problems at once', () => {
  test('shape, ids, templates and gotos are reported together', () => {
    const input = {
      name: '',
      status: 'published',
      trigger: { type: 'appointment_status', filters: { eventType: 'any', statuses: ['confirmed', 'maybe'] } },
      actions: [
        wait('w', '0m'),
        sendSms('s', 'Hi {{contact.nickname}}'),
        sendSms('s', 'Hi {{contact.first_name}}'),
        { id: 'e', type: 'send_email', to: 'not-an-address', subject: '{{#if}}', text: 'x' },
        waitForAppointmentTime('u', '-1h', { goto: 'missing' }),
        waitForAppointmentTime('loop', '-1h', { goto: 'e' }),
      ],
    };
    expect(issuesOf(input)).toEqual([
      { path: 'name', message: 'must not be empty' },
      {
        path: 'trigger.filters.statuses[1]',
        message: 'must be one of new, confirmed, cancelled, showed, noshow, invalid',
      },
      { path: 'actions[0].duration', message: 'must be longer than zero' },
      { path: 'actions[3].to', message: 'must be "contact", "assigned_user" or an e-mail address' },
      { path: 'actions[2].id', message: 'duplicate action id "s" (already used by actions[1])' },
      { path: 'actions[1].body', message: 'unknown merge field "contact.nickname" (line 1, column 6)' },
      { path: 'actions[3].subject', message: expect.stringMatching(/^template does not parse: /) },
      {
        path: 'actions[4].ifPassed.goto',
        message: 'unknown action id "missing": goto must name an action of this automation',
      },
      {
        path: 'actions[5].ifPassed.goto',
        message: 'goto "e" makes a loop (actions[3]…actions[5]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('template problems are reported even when the automation has no valid trigger', () => {
    expect(issuesOf({ name: 'x', status: 'draft', actions: [sendSms('s', '{{contact.nickname}}')] })).toEqual([
      { path: 'trigger', message: 'must have a "type" of appointment_status or appointment_booked' },
      { path: 'actions[0].body', message: 'unknown merge field "contact.nickname" (line 1, column 3)' },
    ]);
  });
});

describe('isOutboundAction', () => {
  test('e-mail, SMS and internal notifications are outbound; waits are not', () => {
    const valid = validateAutomation(
      automation([
        wait('w', '1h'),
        { id: 'e', type: 'send_email', to: 'contact', subject: 'x', text: 'x' },
        sendSms('s', 'Hi {{contact.first_name}}'),
        { id: 'n', type: 'internal_notification', channel: 'in_app', to: 'assigned_user', body: 'x' },
        waitForAppointmentTime('u', '-1h', 'next'),
      ]),
    );
    if (!valid.ok) throw new Error(JSON.stringify(valid.issues));
    expect(valid.value.actions.map((action: AutomationAction) => [action.id, isOutboundAction(action)])).toEqual([
      ['w', false],
      ['e', true],
      ['s', true],
      ['n', true],
      ['u', false],
    ]);
  });
});
