/** Publish-time validation of waits' windows and of `condition` steps: what is refused, and where. */
import { validateAutomation, type ValidationIssue } from '../../src/domain/automation-validation';
import {
  automationDefinition as automation,
  condition,
  sendSms,
  wait,
  waitForAppointmentTime,
  weekdayWindow,
} from '../harness/automation-definitions';

const issuesOf = (input: unknown): ValidationIssue[] => {
  const result = validateAutomation(input);
  return result.ok ? [] : result.issues;
};

const sms = (id: string) => sendSms(id, 'Hi {{contact.first_name}}');
const windowed = (window: unknown) => automation([sms('s'), { ...wait('w', '2h'), window }, sms('after')]);

describe('a wait’s window', () => {
  test('is accepted on both kinds of wait, with or without a zone, and kept as written', () => {
    const result = validateAutomation(
      automation([
        { ...wait('w', '2h'), window: weekdayWindow() },
        { ...waitForAppointmentTime('t', '-24h', 'next'), window: weekdayWindow({ timezone: 'Asia/Tokyo' }) },
        { ...wait('all-weekend', '1h'), window: { days: ['sat', 'sun'], from: '00:00', to: '24:00' } },
        sms('s'),
      ]),
    );
    expect(result.ok && result.value.actions.map((action) => 'window' in action && action.window)).toEqual([
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' },
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00', timezone: 'Asia/Tokyo' },
      { days: ['sat', 'sun'], from: '00:00', to: '24:00' },
      false,
    ]);
  });

  test.each<[string, unknown, ValidationIssue[]]>([
    ['an unknown day', weekdayWindow({ days: ['mon', 'friday'] }), [issue('days[1]', 'must be one of mon, tue')]],
    ['no day', weekdayWindow({ days: [] }), [issue('days', 'must name at least one day')]],
    ['a repeated day', weekdayWindow({ days: ['mon', 'tue', 'mon'] }), [issue('days', 'must not repeat a day')]],
    ['days not a list', weekdayWindow({ days: 'mon-fri' }), [issue('days', 'must be a list of days')]],
    ['from not HH:MM', weekdayWindow({ from: '9am' }), [issue('from', 'must be a time of day HH:MM')]],
    ['from out of range', weekdayWindow({ from: '24:00' }), [issue('from', 'must be a time of day HH:MM')]],
    ['to not HH:MM', weekdayWindow({ to: '17:0' }), [issue('to', 'must be a time of day HH:MM')]],
    ['to before from', weekdayWindow({ from: '17:00', to: '09:00' }), [issue('from', 'must be before "to" (09:00)')]],
    ['from equal to to', weekdayWindow({ from: '09:00', to: '09:00' }), [issue('from', 'must be before "to"')]],
    ['an unknown zone', weekdayWindow({ timezone: 'Mars/Olympus' }), [issue('timezone', 'must be an IANA time zone')]],
    ['an unknown key', weekdayWindow({ until: '17:00' }), [issue('', 'Unrecognized key: "until"')]],
    ['not an object', 'weekdays', [issue('', 'must be a window')]],
  ])('refuses %s, naming the field', (_, window, expected) => {
    expect(issuesOf(windowed(window))).toEqual(
      expected.map(({ path, message }) => ({
        path: `actions[1].window${path}`,
        message: expect.stringContaining(message),
      })),
    );
  });

  test('on a wait_for_appointment_time too', () => {
    expect(
      issuesOf(automation([{ ...waitForAppointmentTime('t', '-1h'), window: weekdayWindow({ days: [] }) }, sms('s')])),
    ).toEqual([{ path: 'actions[0].window.days', message: 'must name at least one day' }]);
  });

  function issue(path: string, message: string): ValidationIssue {
    return { path: path === '' ? '' : path.startsWith('[') ? path : `.${path}`, message };
  }
});

describe('a condition step', () => {
  test('accepts every predicate of API.md, all/any, then/else as "next" or an action id', () => {
    const result = validateAutomation(
      automation([
        condition(
          'check',
          [
            { field: 'status', in: ['confirmed', 'showed'] },
            { field: 'rescheduled', is: true },
            { field: 'start', before: '+2h' },
            { field: 'start', after: '-30m' },
            { field: 'calendarId', in: ['cal-1'] },
            { field: 'assignedUserId', in: ['u-1', 'u-2'] },
            { field: 'contact.email', exists: true },
            { field: 'contact.phone', exists: false },
          ],
          { match: 'any', then: 'b', else: 'next' },
        ),
        sms('a'),
        sms('b'),
      ]),
    );
    expect(result.ok).toBe(true);
  });

  test.each<[string, unknown, ValidationIssue[]]>([
    ['no predicate', { if: [] }, [{ path: 'actions[0].if', message: 'must have at least one predicate' }]],
    [
      'if not a list',
      { if: { field: 'status' } },
      [{ path: 'actions[0].if', message: 'must be a list of predicates' }],
    ],
    [
      'an unknown field',
      { if: [{ field: 'title', in: ['x'] }] },
      [
        {
          path: 'actions[0].if[0].field',
          message:
            'must be a predicate whose "field" is one of status, rescheduled, start, calendarId, assignedUserId, contact.email, contact.phone',
        },
      ],
    ],
    [
      'an unknown status',
      { if: [{ field: 'status', in: ['booked'] }] },
      [
        {
          path: 'actions[0].if[0].in[0]',
          message: 'must be one of new, confirmed, cancelled, showed, noshow, invalid',
        },
      ],
    ],
    [
      'an empty list of calendars',
      { if: [{ field: 'calendarId', in: [] }] },
      [{ path: 'actions[0].if[0].in', message: 'must name at least one calendar' }],
    ],
    [
      'a bad user id',
      { if: [{ field: 'assignedUserId', in: ['a b'] }] },
      [{ path: 'actions[0].if[0].in[0]', message: 'must be 1–128 characters of A–Z, a–z, 0–9, _ . : -' }],
    ],
    [
      'rescheduled without a boolean',
      { if: [{ field: 'rescheduled', is: 'yes' }] },
      [{ path: 'actions[0].if[0].is', message: 'must be true or false' }],
    ],
    [
      'exists without a boolean',
      { if: [{ field: 'contact.phone' }] },
      [{ path: 'actions[0].if[0].exists', message: 'must be true or false' }],
    ],
    [
      'start with both before and after',
      { if: [{ field: 'start', before: '+2h', after: '-2h' }] },
      [
        {
          path: 'actions[0].if[0]',
          message: 'needs exactly one of "before" or "after": a signed duration from now, e.g. "+2h"',
        },
      ],
    ],
    [
      'start with neither',
      { if: [{ field: 'start' }] },
      [
        {
          path: 'actions[0].if[0]',
          message: 'needs exactly one of "before" or "after": a signed duration from now, e.g. "+2h"',
        },
      ],
    ],
    [
      'start with a bad offset',
      { if: [{ field: 'start', before: 'soon' }] },
      [{ path: 'actions[0].if[0].before', message: expect.stringContaining('must be an offset') }],
    ],
    [
      'an unknown key in a predicate',
      { if: [{ field: 'status', in: ['new'], not: true }] },
      [{ path: 'actions[0].if[0]', message: 'Unrecognized key: "not"' }],
    ],
    ['a bad match', { match: 'most' }, [{ path: 'actions[0].match', message: 'must be "all" or "any"' }]],
    ['no then', { then: undefined }, [{ path: 'actions[0].then', message: 'must be "next" or an action id' }]],
    ['a malformed else', { else: 'a b' }, [{ path: 'actions[0].else', message: 'must be "next" or an action id' }]],
  ])('refuses %s, naming the field', (_, fields, expected) => {
    const step = { ...condition('check', [{ field: 'status', in: ['new'] }]), ...(fields as object) };
    expect(issuesOf(automation([step, sms('s')]))).toEqual(expected);
  });

  test('then/else must name an action of the automation', () => {
    expect(
      issuesOf(
        automation([
          condition('check', [{ field: 'status', in: ['new'] }], { then: 'nowhere', else: 'gone' }),
          sms('s'),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[0].then',
        message: 'unknown action id "nowhere": "then" must name an action of this automation or "next"',
      },
      {
        path: 'actions[0].else',
        message: 'unknown action id "gone": "else" must name an action of this automation or "next"',
      },
    ]);
  });

  test('a branch to its own step is refused', () => {
    expect(
      issuesOf(automation([sms('s'), condition('check', [{ field: 'rescheduled', is: false }], { then: 'check' })])),
    ).toEqual([
      { path: 'actions[1].then', message: '"then" "check" names its own step, which would repeat it forever' },
    ]);
  });

  test('forward branches are fine', () => {
    expect(
      issuesOf(
        automation([
          condition('check', [{ field: 'status', in: ['new'] }], { then: 'b', else: 'c' }),
          sms('a'),
          sms('b'),
          sms('c'),
        ]),
      ),
    ).toEqual([]);
  });

  test('a loop back through a condition without a wait is refused', () => {
    expect(
      issuesOf(automation([sms('s'), sms('t'), condition('again', [{ field: 'status', in: ['new'] }], { then: 's' })])),
    ).toEqual([
      {
        path: 'actions[2].then',
        message: '"then" "s" makes a loop (actions[0]…actions[2]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a loop back through a condition with a wait inside is fine; a wait_for_appointment_time does not count', () => {
    const predicate = { field: 'status', in: ['new'] };
    expect(issuesOf(automation([wait('w', '1d'), sms('s'), condition('again', [predicate], { else: 'w' })]))).toEqual(
      [],
    );
    expect(
      issuesOf(
        automation([waitForAppointmentTime('t', '-1h'), sms('s'), condition('again', [predicate], { else: 't' })]),
      ),
    ).toEqual([
      {
        path: 'actions[2].else',
        message: '"else" "t" makes a loop (actions[0]…actions[2]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a condition that jumps over the loop’s only wait makes a loop without one', () => {
    // s → skip-wait may branch straight to back, leaving out the wait; back loops to s
    const predicate = { field: 'rescheduled', is: true };
    expect(
      issuesOf(
        automation([
          sms('s'),
          condition('skip-wait', [predicate], { then: 'back' }),
          wait('w', '1h'),
          condition('back', [predicate], { then: 's', else: 'next' }),
          sms('end'),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[3].then',
        message: '"then" "s" makes a loop (actions[0]…actions[3]) with no wait step; add a "wait" inside the loop',
      },
    ]);
  });

  test('a condition whose branches both jump does not fall through: the wait it skips is no way around', () => {
    // check → b or c, never a; the loop c → s → check → b → c … has no wait, though a (skipped) is one
    const predicate = { field: 'status', in: ['new'] };
    expect(
      issuesOf(
        automation([
          sms('s'),
          condition('check', [predicate], { then: 'b', else: 'c' }),
          wait('a', '1h'),
          sms('b'),
          waitForAppointmentTime('c', '-1h', { goto: 's' }),
        ]),
      ),
    ).toEqual([
      {
        path: 'actions[4].ifPassed.goto',
        message: 'goto "s" makes a loop (actions[0]…actions[4]) with no wait step; add a "wait" inside the loop',
      },
    ]);
    // with the wait on the only way round, the loop is bounded
    expect(
      issuesOf(
        automation([
          sms('s'),
          condition('check', [predicate], { then: 'a', else: 'a' }),
          sms('b'),
          wait('a', '1h'),
          waitForAppointmentTime('c', '-1h', { goto: 's' }),
        ]),
      ),
    ).toEqual([]);
  });
});
