/**
 * The hostile-input suites' generators (fast-check): IDs with forbidden characters or too long,
 * values of the wrong type, huge strings, control characters, prototype keys, bad e-mails, phones,
 * time zones and instants, malformed JSON, deep nesting, template injection; and bodies built from a
 * valid one with one of them in it.
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { IANAZone } from 'luxon';
import { validAutomationBody } from '../harness/request-bodies';

/** Every ID a suite makes up starts with it, so "unknown" really is unknown. */
export const PREFIX = `hx${randomUUID().slice(0, 6)}`;

/** Sent as a request: a JSON value (serialised by the client) or raw text declared as JSON. */
export type Body = { json: unknown } | { raw: string };
export const bodyText = (body: Body | undefined) =>
  body === undefined ? undefined : 'raw' in body ? body.raw : body.json;

/** A raw body parsed, or undefined when it is not JSON. */
export function parsedRaw(text: string): any {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

const ID_CHARS = /^[A-Za-z0-9_.:-]{1,40}$/;
export const unknownId = fc.stringMatching(ID_CHARS).map((suffix) => `${PREFIX}-${suffix}`.slice(0, 128));
const FORBIDDEN = [
  ' ',
  '/',
  '?',
  '#',
  '%',
  '<',
  '>',
  '"',
  "'",
  '{',
  '}',
  '\\',
  '\u0000',
  '\n',
  '\t',
  'é',
  '😀',
  '\u202e',
  '*',
  '&',
  '=',
  '+',
  ',',
  ';',
  '@',
  '|',
  '~',
  '`',
  '$',
  '!',
  '(',
  ')',
  '[',
  ']',
  '^',
  '\u00a0',
];
/** Outside 1–128 characters of [A-Za-z0-9_.:-]. */
export const badIdString = fc.oneof(
  fc
    .tuple(
      fc.stringMatching(/^[A-Za-z0-9_.:-]{0,20}$/),
      fc.constantFrom(...FORBIDDEN),
      fc.stringMatching(/^[A-Za-z0-9_.:-]{0,20}$/),
    )
    .map(([before, bad, after]) => `${PREFIX}${before}${bad}${after}`),
  // over 128, up to what the router takes in one path segment (longer: see 'IDs the router cannot take')
  fc.integer({ min: 129, max: 500 }).map((length) => `${PREFIX}${'a'.repeat(length)}`),
  fc.string({ unit: 'binary', minLength: 1, maxLength: 30 }).filter((id) => !/^[A-Za-z0-9_.:-]{1,128}$/.test(id)),
);
export const pathOf = (id: string) => encodeURIComponent(id);

export const notString = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
);
export const notStringOrNull = fc.oneof(notString, fc.constant(null));
export const badBodyId = fc.oneof(badIdString, notStringOrNull);

/** A string of `min` to `max` UTF-8 bytes or so, of one repeated character. */
export const hugeString = (min: number, max = 250_000) =>
  fc
    .tuple(fc.constantFrom('a', 'é', '😀', '<', '\u200b', ' x'), fc.integer({ min, max }))
    .map(([unit, bytes]) => unit.repeat(Math.max(min, Math.ceil(bytes / Buffer.byteLength(unit)))));

export const withControl = fc
  .tuple(
    fc.string({ maxLength: 10 }),
    fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)),
    fc.string({ maxLength: 10 }),
  )
  .map(([before, control, after]) => `A${before}${control}${after}B`); // inside the text: trimming cannot remove it
/** Not a name: no text, too long, a control character, or no string at all. */
export const badName = fc.oneof(
  fc.constantFrom('', '   ', '\t\n'),
  withControl,
  hugeString(201, 5_000),
  notStringOrNull,
  fc.constant('A\u007fB'),
);

export const badEmail = fc.oneof(
  fc.constantFrom(
    'not-an-email',
    'a@',
    '@b.co',
    'a b@c.co',
    'a@b',
    'a@@b.co',
    '<script>@x.co',
    `${'a'.repeat(250)}@b.co`,
    'ann@example.com\u0000',
  ),
  fc.string({ maxLength: 40 }).filter((text) => !text.includes('@')),
  notString,
);
export const badPhone = fc.oneof(
  fc.constantFrom(
    '0155 555',
    '+0123456789',
    '+1',
    '+1415555010012345678',
    'tel:+14155550100',
    '+1415555O100',
    '+１４１５５５５０１００',
  ),
  fc.string({ maxLength: 20 }).filter((text) => !/^\s*\+[1-9]\d{6,14}\s*$/.test(text)),
  notString,
);
export const badTimezone = fc.oneof(
  fc
    .constantFrom(
      'Mars/Olympus',
      'UTC+25',
      'GMT+99',
      'Europe/Pariss',
      'America/New York',
      '../../etc/passwd',
      'Europe/../Paris',
      '+25:00',
      '',
      '   ',
      'Z+1',
      '\u0000UTC',
      'Europe/Paris\u0000',
      'Etc/GMT+15',
      'x'.repeat(10_000),
    )
    .filter((zone) => !IANAZone.isValidZone(zone.trim())),
  fc.string({ maxLength: 30 }).filter((zone) => !IANAZone.isValidZone(zone.trim())),
  notString,
);
const BAD_INSTANTS = [
  '2026-02-30T10:00:00Z',
  '2025-02-29T10:00:00Z',
  '2026-13-01T00:00:00Z',
  '2026-00-10T00:00:00Z',
  '2026-11-31T10:00:00Z',
  '2026-11-30T24:00:00Z',
  '2026-11-30T23:60:00Z',
  '2026-11-30T23:59:61Z',
  '2026-11-30T15:00:00',
  '2026-11-30',
  '15:00:00Z',
  '2026-11-30T15:00:00+25:00',
  '2026-11-30T15:00:00+05:60',
  '2026-11-30 15:00:00Z',
  '2026-W48-1T15:00:00Z',
  '20261130T150000Z',
  '+275760-09-13T00:00:00Z',
  '-000001-01-01T00:00:00Z',
  'tomorrow',
  'now',
  '',
  'NaN',
  'Infinity',
  '2026-11-30T15:00:00Europe/Paris',
  '2026-11-30T15:00:00Z[Europe/Paris]',
  '２０２６-11-30T15:00:00Z',
  '2026-11-30T15:00:00Z ',
  ' 2026-11-30T15:00:00Z',
  'Mon, 30 Nov 2026 15:00:00 GMT',
];
export const badInstant = fc.oneof(
  fc.constantFrom(...BAD_INSTANTS),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString().replace('Z', '')), // no offset
  fc.date({ noInvalidDate: true }).map((date) => date.getTime()), // epoch milliseconds
  fc.string({ maxLength: 30 }).filter((text) => Number.isNaN(Date.parse(text))),
  notStringOrNull,
);

/** Keys that poison prototypes or shadow built-ins, with whatever values. */
export const prototypeKeys = fc.array(
  fc.tuple(
    fc.constantFrom(
      '__proto__',
      'constructor',
      'prototype',
      'toString',
      'hasOwnProperty',
      'valueOf',
      '__defineGetter__',
    ),
    fc.jsonValue({ maxDepth: 2 }),
  ),
  { maxLength: 3 },
);

/** Not JSON at all, or not quite. */
export const malformedJson = fc.oneof(
  fc.constantFrom(
    '{',
    '{"name": "Ann",',
    '{"a":1,}',
    "{'a': 1}",
    '{a: 1}',
    'NaN',
    'undefined',
    '[1, 2',
    '{"a": 01}',
    '{"a": .5}',
    '{"a": "\u0000"',
    '\u0000',
    '{"a":1}{"b":2}',
    '{"a": Infinity}',
    '{"__proto__": ',
    '   ',
    '{"a": "x"} trailing',
    '\ufeff{"a": 1',
    '{"a": "\\x41"}',
    '{"a": "\\u12"}',
  ),
  fc.string({ maxLength: 60 }).filter((text) => {
    try {
      JSON.parse(text);
      return false;
    } catch {
      return true;
    }
  }),
  fc
    .json({ maxDepth: 3 })
    .map((text) => text.slice(0, Math.max(1, text.length - 1)))
    .filter((text) => {
      try {
        JSON.parse(text);
        return false;
      } catch {
        return true;
      }
    }),
);
/** Valid JSON that is not an object. */
export const nonObjectJson = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }).filter((value) => typeof value !== 'object' || value === null || Array.isArray(value)),
  fc.constant([]),
);
/** Deeply nested arrays and objects. */
export const deepNesting = fc
  .integer({ min: 100, max: 20_000 })
  .map((depth) => ({ raw: `${'{"a":['.repeat(depth)}${']}'.repeat(depth)}` }));

/**
 * Builds hostile bodies from a valid one: one field made bad (or removed when required), with
 * prototype keys sprinkled on; or no object at all, malformed JSON, deep nesting, over the size limit.
 */
export function hostileBodies(
  valid: () => Record<string, unknown>,
  badFields: Record<string, fc.Arbitrary<unknown>>,
  required: string[],
  extra: fc.Arbitrary<Body>[] = [],
): fc.Arbitrary<Body> {
  const oneBadField = fc
    .constantFrom(...Object.keys(badFields))
    .chain((field) => fc.tuple(fc.constant(field), badFields[field] as fc.Arbitrary<unknown>, prototypeKeys))
    .map(([field, value, keys]) => {
      const body: Record<string, unknown> = { ...valid(), [field]: value };
      return { raw: withPrototypeKeys(body, keys) } as Body;
    });
  const missingField = (fields: string[]) =>
    fc.tuple(fc.constantFrom(...fields), prototypeKeys).map(([field, keys]) => {
      const body: Record<string, unknown> = { ...valid() };
      delete body[field];
      return { raw: withPrototypeKeys(body, keys) } as Body;
    });
  return fc.oneof(
    { arbitrary: oneBadField, weight: 6 },
    ...(required.length > 0 ? [{ arbitrary: missingField(required), weight: 2 }] : []),
    { arbitrary: nonObjectJson.map((json): Body => ({ json })), weight: 1 },
    { arbitrary: malformedJson.map((raw): Body => ({ raw })), weight: 2 },
    { arbitrary: deepNesting, weight: 1 },
    {
      arbitrary: fc.constant<Body>({ raw: JSON.stringify({ ...valid(), padding: 'x'.repeat(300 * 1024) }) }),
      weight: 1,
    },
    ...extra.map((arbitrary) => ({ arbitrary, weight: 3 })),
  );
}

/** JSON text with the extra keys spliced in as written (JSON.stringify would drop a `__proto__` key). */
export function withPrototypeKeys(body: Record<string, unknown>, keys: [string, unknown][]): string {
  const own = JSON.stringify(body);
  if (keys.length === 0) return own;
  const spliced = keys.map(([key, value]) => `${JSON.stringify(key)}:${JSON.stringify(value) ?? 'null'}`).join(',');
  return own === '{}' ? `{${spliced}}` : `{${spliced},${own.slice(1)}`;
}

export const badUserFields = { name: badName, email: badEmail, phone: badPhone, timezone: badTimezone };
export const badContactFields = {
  firstName: badName,
  lastName: fc.oneof(fc.constantFrom('', '   '), withControl, hugeString(201, 5_000), notString),
  email: badEmail,
  phone: badPhone,
  timezone: badTimezone,
};

// ---------------------------------------------------------------------------------------------
// Automation definitions

export const TEMPLATE_INJECTIONS = [
  '{{constructor.constructor "return process"}}',
  '{{constructor.constructor("return process")()}}',
  '{{#with "s" as |string|}}{{string.constructor.prototype.toString}}{{/with}}',
  '{{#with contact}}{{first_name}}{{/with}}',
  '{{lookup contact "first_name"}}',
  '{{lookup this "constructor"}}',
  '{{{contact.first_name}}}',
  '{{& contact.first_name}}',
  '{{> evil}}',
  '{{#> layout}}x{{/layout}}',
  '{{#each contact}}{{this}}{{/each}}',
  '{{log "x"}}',
  '{{@root.contact.first_name}}',
  '{{../contact.first_name}}',
  '{{this.constructor}}',
  '{{contact.__proto__}}',
  '{{contact.constructor}}',
  '{{__proto__.polluted}}',
  '{{appointment.title.length}}',
  '{{*decorator}}',
  '{{#*inline "x"}}y{{/inline}}',
  '{{{{raw}}}}{{contact.first_name}}{{{{/raw}}}}',
  '{{#if (lookup contact "first_name")}}x{{/if}}',
  '{{#if contact.first_name foo=1}}x{{/if}}',
  '{{#if contact.first_name}}unclosed',
  '{{contact.first_name',
  '{{contact.password}}',
  '{{[contact.first_name]}}',
  '{{blockHelperMissing}}',
  '{{helperMissing "x"}}',
];
const plainText = fc.string({ maxLength: 20 }).filter((text) => !/[{}\\]/.test(text));
const template = fc.oneof(
  fc.constantFrom(...TEMPLATE_INJECTIONS),
  // surrounding text without braces or backslashes, which could escape or swallow the injection
  fc.tuple(plainText, fc.constantFrom(...TEMPLATE_INJECTIONS), plainText).map(([a, inject, b]) => `${a}${inject}${b}`),
);
const templateField = fc.constantFrom(
  ['mail', 'subject'],
  ['mail', 'text'],
  ['sms', 'body'],
  ['note', 'body'],
) as fc.Arbitrary<[string, string]>;
/** The valid automation with its actions changed by `change`. */
export const withAction = (change: (actions: Record<string, unknown>[]) => void) => {
  const automation = validAutomationBody() as ReturnType<typeof validAutomationBody> & {
    actions: Record<string, unknown>[];
  };
  change(automation.actions);
  return automation;
};
const badDuration = fc.oneof(
  fc.constantFrom(
    '0s',
    '0m',
    '1y',
    '-1m',
    '+1m',
    '10000d',
    '1.5h',
    '1 m',
    '',
    'm',
    '1M',
    '53w',
    '9999999999999999999999h',
  ),
  notStringOrNull,
);
const badOffset = fc.oneof(
  fc.constantFrom('24h-', '--1h', '-1.5h', '-', '-1y', '-10000d', '', '+-1h', '1 h'),
  notStringOrNull,
);
const badDefinitions = fc.oneof(
  fc
    .tuple(templateField, template)
    .map(([[actionId, field], text]) =>
      withAction((actions) => void (actions.find((a) => a.id === actionId)![field] = text)),
    ),
  badDuration.map((duration) => withAction((actions) => void (actions[0]!.duration = duration))),
  badOffset.map((offset) => withAction((actions) => void (actions[4]!.offset = offset))),
  fc
    .oneof(
      fc.constantFrom('later', 'goto', { goto: 'nowhere' }, { goto: 'remind' }, { goto: '' }, { goto: 'w1', extra: 1 }),
      notStringOrNull,
    )
    .map((ifPassed) => withAction((actions) => void (actions[4]!.ifPassed = ifPassed))),
  fc.constant(null).map(() =>
    withAction((actions) => {
      // a loop back over no wait: remind → note → remind
      actions.splice(0, 1);
      actions.push({ id: 'again', type: 'wait_for_appointment_time', offset: '-30m', ifPassed: { goto: 'note' } });
    }),
  ),
  fc
    .oneof(
      fc.constantFrom(
        { days: [], from: '09:00', to: '17:00' },
        { days: ['mon', 'mon'], from: '09:00', to: '17:00' },
        { days: ['monday'], from: '09:00', to: '17:00' },
        { days: ['mon'], from: '9:00', to: '17:00' },
        { days: ['mon'], from: '17:00', to: '09:00' },
        { days: ['mon'], from: '09:00', to: '24:01' },
        { days: ['mon'], from: '09:00', to: '17:00', timezone: 'Mars/Base' },
        { days: ['mon'], from: '09:00', to: '17:00', extra: 1 },
        { days: 'mon', from: '09:00', to: '17:00' },
      ),
      notStringOrNull,
    )
    .map((window) => withAction((actions) => void (actions[0]!.window = window))),
  fc
    .oneof(
      fc.constantFrom(
        [],
        [{ field: 'title', in: ['x'] }],
        [{ field: 'status', in: ['booked'] }],
        [{ field: 'status', in: [] }],
        [{ field: 'start', before: '+2h', after: '-2h' }],
        [{ field: 'start', before: 'soon' }],
        [{ field: 'contact.email', exists: 'yes' }],
        [{ field: 'assignedUserId', in: ['a b'] }],
        [{ field: 'rescheduled', is: true, extra: 1 }],
      ),
      notStringOrNull,
    )
    .map((predicates) => withAction((actions) => void (actions[5]!.if = predicates))),
  fc
    .oneof(fc.constantFrom('nowhere', 'check', '', 'a b', { goto: 'w1' }), notStringOrNull)
    .map((target) => withAction((actions) => void (actions[5]!.else = target))),
  fc
    .oneof(fc.constantFrom('every', 'ALL', ''), notStringOrNull)
    .map((match) => withAction((actions) => void (actions[5]!.match = match))),
  fc
    .oneof(fc.constantFrom('x@', 'someone', '+1', 'user', 'Contact'), notStringOrNull)
    .map((to) => withAction((actions) => void (actions[1]!.to = to))),
  fc
    .oneof(fc.constantFrom('email', '12345', 'Contact', 'user', '+1 415 555 0100'), notStringOrNull)
    .map((to) => withAction((actions) => void (actions[2]!.to = to))),
  fc
    .oneof(
      fc.constantFrom('ann@example.com', '+14155550100', { userId: 'a b' }, { userId: 'x', extra: 1 }, {}),
      notStringOrNull,
    )
    .map((to) => withAction((actions) => void (actions[3]!.to = to))),
  fc
    .constantFrom('push', '', 'EMAIL', 'In_App', 'sms ')
    .map((channel) => withAction((actions) => void (actions[3]!.channel = channel))),
  fc
    .oneof(fc.constantFrom('send_fax', 'WAIT', '', 'goto'), notStringOrNull)
    .map((type) => withAction((actions) => void (actions[0]!.type = type))),
  fc
    .oneof(fc.constantFrom('w1', 'a b', '', 'x'.repeat(65), 'é'), notStringOrNull)
    .map((id) => withAction((actions) => void (actions[1]!.id = id))),
  fc
    .constantFrom('subjet', 'htm', 'bcc', '__proto__x')
    .map((key) => withAction((actions) => void (actions[1]![key] = 'x'))),
  fc.constant(null).map(() => withAction((actions) => void delete actions[1]!.text)),
  hugeString(1_601, 200_000).map((body) => withAction((actions) => void (actions[2]!.body = body))),
  fc
    .oneof(
      fc.constant([]),
      notStringOrNull.filter((value) => !Array.isArray(value)),
      fc.array(notStringOrNull, { minLength: 1, maxLength: 3 }),
    )
    .map((actions) => ({ ...validAutomationBody(), actions })),
  fc.constant(null).map(() => ({
    ...validAutomationBody(),
    actions: Array.from({ length: 201 }, (_, i) => ({ id: `w${i}`, type: 'wait', duration: '1m' })),
  })),
  fc
    .oneof(fc.constantFrom('active', 'PUBLISHED', ''), notStringOrNull)
    .map((status) => ({ ...validAutomationBody(), status })),
  fc.oneof(badName, fc.constant(undefined)).map((name) => ({ ...validAutomationBody(), name })),
  fc
    .oneof(
      fc.constantFrom(
        { type: 'appointment_created' },
        { type: 'appointment_status' },
        { type: 'appointment_status', filters: { statuses: [] } },
        { type: 'appointment_status', filters: { statuses: ['done'] } },
        { type: 'appointment_status', filters: { statuses: ['new', 'new'] } },
        { type: 'appointment_status', filters: { statuses: ['new'], eventType: 'once' } },
        { type: 'appointment_status', filters: { statuses: ['new'], calendarIds: [] } },
        { type: 'appointment_status', filters: { statuses: ['new'], userIds: ['a b'] } },
        { type: 'appointment_status', filters: { statuses: ['new'], extra: true } },
      ),
      notStringOrNull,
    )
    .map((trigger) => ({ ...validAutomationBody(), trigger })),
);
/** Definitions broken in one place (with prototype keys), or no object, or no JSON. */
export const hostileAutomationBodies: fc.Arbitrary<Body> = fc.oneof(
  {
    arbitrary: fc
      .tuple(badDefinitions, prototypeKeys)
      .map(([definition, keys]): Body => ({ raw: withPrototypeKeys(definition as Record<string, unknown>, keys) })),
    weight: 8,
  },
  { arbitrary: nonObjectJson.map((json): Body => ({ json })), weight: 1 },
  { arbitrary: malformedJson.map((raw): Body => ({ raw })), weight: 1 },
);
