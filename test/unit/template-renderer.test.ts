import { MERGE_FIELDS } from '../../src/domain/merge-fields';
import {
  mergeFieldValues,
  recipientTimezone,
  renderTemplate,
  TemplateError,
  templateIssues,
  type MergeData,
} from '../../src/integrations/template-renderer';

/** A Monday-afternoon (UTC) appointment: 10:00 AM in New York, 4:00 PM in Paris. */
const appointment = (): MergeData => ({
  appointment: {
    id: 'appt-42',
    title: 'Initial consultation',
    notes: 'Bring your passport',
    status: 'confirmed',
    startTime: '2026-11-30T15:00:00Z',
    endTime: '2026-11-30T16:00:00Z',
    meetingLocation: 'https://zoom.us/j/123456789?pwd=abc',
  },
  contact: {
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@example.com',
    phone: '+14155550123',
    timezone: 'America/New_York',
  },
  user: { name: 'Grace Brewster Hopper', email: 'grace@example.com', phone: '+33612345678', timezone: 'Europe/Paris' },
  calendar: { name: 'Consultations', timezone: 'America/Los_Angeles' },
});

const text = (template: string, data: MergeData = appointment(), timezone = 'America/New_York') =>
  renderTemplate(template, data, { escape: 'none', timezone });
const html = (template: string, data: MergeData = appointment(), timezone = 'America/New_York') =>
  renderTemplate(template, data, { escape: 'html', timezone });

describe('every merge field, for an appointment at 2026-11-30T15:00Z shown in America/New_York', () => {
  const expected: Record<string, string> = {
    'appointment.start_time': 'Monday, November 30, 2026 10:00 AM',
    'appointment.end_time': 'Monday, November 30, 2026 11:00 AM',
    'appointment.only_start_date': 'November 30, 2026',
    'appointment.only_start_time': '10:00 AM',
    'appointment.only_end_time': '11:00 AM',
    'appointment.day_of_week': 'Monday',
    'appointment.month_name': 'November',
    'appointment.timezone': 'America/New_York',
    'appointment.title': 'Initial consultation',
    'appointment.notes': 'Bring your passport',
    'appointment.status': 'confirmed',
    'appointment.id': 'appt-42',
    'appointment.meeting_location': 'https://zoom.us/j/123456789?pwd=abc',
    'contact.first_name': 'Ada',
    'contact.last_name': 'Lovelace',
    'contact.name': 'Ada Lovelace',
    'contact.email': 'ada@example.com',
    'contact.phone': '+14155550123',
    'user.name': 'Grace Brewster Hopper',
    'user.first_name': 'Grace',
    'user.email': 'grace@example.com',
    'user.phone': '+33612345678',
    'calendar.name': 'Consultations',
  };

  test('the expectations cover the whole catalogue', () => {
    expect(Object.keys(expected).sort()).toEqual(MERGE_FIELDS.map((field) => field.path).sort());
  });

  test.each(Object.entries(expected))('{{%s}} renders %j', (field, value) => {
    expect(text(`{{${field}}}`)).toBe(value);
  });

  test('mergeFieldValues gives the same values, for previews', () => {
    expect(mergeFieldValues(appointment(), 'America/New_York')).toEqual(expected);
  });

  test('the same appointment reads differently in Paris and Kolkata', () => {
    const template = '{{appointment.start_time}} – {{appointment.only_end_time}} {{appointment.timezone}}';
    expect(text(template, appointment(), 'Europe/Paris')).toBe(
      'Monday, November 30, 2026 4:00 PM – 5:00 PM Europe/Paris',
    );
    expect(text(template, appointment(), 'Asia/Kolkata')).toBe(
      'Monday, November 30, 2026 8:30 PM – 9:30 PM Asia/Kolkata',
    );
    expect(text(template, appointment(), 'UTC')).toBe('Monday, November 30, 2026 3:00 PM – 4:00 PM UTC');
  });

  test('the weekday, month and date are the recipient’s, not UTC’s', () => {
    const data = appointment();
    data.appointment.startTime = '2026-12-01T02:00:00Z'; // Tuesday in UTC, still Monday evening in New York
    data.appointment.endTime = '2026-12-01T03:00:00Z';
    expect(
      text(
        '{{appointment.day_of_week}} {{appointment.only_start_date}} {{appointment.month_name}} {{appointment.only_start_time}}',
        data,
      ),
    ).toBe('Monday November 30, 2026 November 9:00 PM');
  });

  test('an offset in the stored time does not leak into the rendering', () => {
    const data = appointment();
    data.appointment.startTime = '2026-11-30T16:00:00+01:00'; // the same instant, written in Paris time
    expect(text('{{appointment.start_time}}', data)).toBe('Monday, November 30, 2026 10:00 AM');
  });
});

describe('daylight saving time in the recipient’s timezone', () => {
  const at = (startTime: string) => {
    const data = appointment();
    data.appointment.startTime = startTime;
    data.appointment.endTime = startTime;
    return text('{{appointment.start_time}}', data);
  };

  test('14:00 UTC is 10 AM in New York before the November change and 9 AM after it', () => {
    expect(at('2026-10-31T14:00:00Z')).toBe('Saturday, October 31, 2026 10:00 AM');
    expect(at('2026-11-01T14:00:00Z')).toBe('Sunday, November 1, 2026 9:00 AM');
  });

  test('15:00 UTC is 10 AM in New York before the March change and 11 AM after it', () => {
    expect(at('2026-03-07T15:00:00Z')).toBe('Saturday, March 7, 2026 10:00 AM');
    expect(at('2026-03-08T15:00:00Z')).toBe('Sunday, March 8, 2026 11:00 AM');
  });

  test('the repeated hour on the night of the change shows the same wall-clock time twice', () => {
    expect(at('2026-11-01T05:30:00Z')).toBe('Sunday, November 1, 2026 1:30 AM');
    expect(at('2026-11-01T06:30:00Z')).toBe('Sunday, November 1, 2026 1:30 AM');
  });
});

describe('missing values', () => {
  test('null values render as empty text, and contact.name is just the first name', () => {
    const data = appointment();
    data.appointment.title = null;
    data.appointment.notes = null;
    data.appointment.meetingLocation = null;
    data.contact.lastName = null;
    data.contact.email = null;
    data.contact.phone = null;
    data.user.phone = null;
    expect(
      text(
        '[{{appointment.title}}|{{appointment.notes}}|{{appointment.meeting_location}}|{{contact.last_name}}|{{contact.email}}|{{contact.phone}}|{{user.phone}}|{{contact.name}}]',
        data,
      ),
    ).toBe('[|||||||Ada]');
  });

  test('#if and #unless branch on whether a value is there', () => {
    const template =
      '{{#if appointment.notes}}Notes: {{appointment.notes}}{{else}}No notes{{/if}}{{#unless appointment.meeting_location}}, no location{{/unless}}';
    expect(text(template)).toBe('Notes: Bring your passport');
    const data = appointment();
    data.appointment.notes = null;
    data.appointment.meetingLocation = null;
    expect(text(template, data)).toBe('No notes, no location');
  });

  test('else-if chains work', () => {
    const data = appointment();
    data.appointment.meetingLocation = null;
    expect(
      text('{{#if appointment.meeting_location}}Join{{else if appointment.notes}}See notes{{else}}TBD{{/if}}', data),
    ).toBe('See notes');
  });
});

describe('escaping', () => {
  const cartoon = () => {
    const data = appointment();
    data.contact.firstName = '<b>Tom & "Jerry"</b>';
    data.contact.lastName = null;
    return data;
  };

  test('e-mail HTML escapes values, not the template’s own markup', () => {
    expect(html('<p>Hi {{contact.first_name}}</p>', cartoon())).toBe(
      '<p>Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;</p>',
    );
    expect(html('{{contact.name}}', cartoon())).toBe('&lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;');
  });

  test('SMS and plain text show values as they are', () => {
    expect(text('Hi {{contact.first_name}}', cartoon())).toBe('Hi <b>Tom & "Jerry"</b>');
  });

  test('the same template compiled for HTML and for text keeps both behaviours', () => {
    const template = 'Hi {{contact.first_name}}!';
    expect(text(template, cartoon())).toBe('Hi <b>Tom & "Jerry"</b>!');
    expect(html(template, cartoon())).toBe('Hi &lt;b&gt;Tom &amp; &quot;Jerry&quot;&lt;/b&gt;!');
    expect(text(template, cartoon())).toBe('Hi <b>Tom & "Jerry"</b>!');
  });

  test('triple-stash, which would skip HTML escaping, is refused', () => {
    expect(templateIssues('{{{contact.first_name}}}')).toEqual([
      {
        message:
          '{{{contact.first_name}}} and {{& contact.first_name}} would skip HTML escaping; write {{contact.first_name}} (line 1, column 1)',
      },
    ]);
    expect(() => html('{{& contact.first_name}}', cartoon())).toThrow(TemplateError);
  });
});

describe('unknown fields are errors, never empty text', () => {
  test('templateIssues names the field and where it is, once', () => {
    expect(templateIssues('Hi\n  {{contact.nickname}} and {{contact.nickname}}')).toEqual([
      { message: 'unknown merge field "contact.nickname" (line 2, column 5)' },
    ]);
  });

  test.each([
    ['Hi {{contact.nickname}}', 'contact.nickname'],
    ['{{#if contact.nickname}}x{{/if}}', 'contact.nickname'],
    ['{{#if appointment.notes}}{{else}}{{appointment.start}}{{/if}}', 'appointment.start'],
    ['{{contact}}', 'contact'],
    ['{{contact.name.length}}', 'contact.name.length'],
    ['{{[contact.name]}}', '[contact.name]'],
  ])('rendering %j throws naming %s', (template, field) => {
    expect(() => text(template)).toThrow(TemplateError);
    expect(() => text(template)).toThrow(`unknown merge field "${field}"`);
  });

  test('every field of the catalogue is known', () => {
    for (const field of MERGE_FIELDS) expect(templateIssues(`{{${field.path}}}`)).toEqual([]);
  });

  test('a TemplateError carries every issue', () => {
    try {
      text('{{a.b}} {{c.d}}');
      throw new Error('expected a TemplateError');
    } catch (error) {
      expect(error).toBeInstanceOf(TemplateError);
      expect((error as TemplateError).issues.map((issue) => issue.message)).toEqual([
        'unknown merge field "a.b" (line 1, column 3)',
        'unknown merge field "c.d" (line 1, column 11)',
      ]);
    }
  });
});

describe('templates are user input: no code runs, nothing outside the catalogue is reachable', () => {
  afterEach(() => {
    delete (globalThis as Record<string, unknown>).__templatePwned;
  });

  test.each([
    '{{constructor.constructor "return process"}}',
    '{{#with "x" as |s|}}{{#with (s.constructor.constructor "globalThis.__templatePwned = true")}}{{this}}{{/with}}{{/with}}',
    '{{#if (lookup contact "constructor")}}yes{{/if}}',
    '{{lookup contact "__proto__"}}',
    '{{contact.constructor}}',
    '{{contact.__proto__}}',
    '{{appointment.constructor.name}}',
    '{{@root.contact.first_name}}',
    '{{log contact.first_name}}',
  ])('%j is refused at publish time and at render time', (template) => {
    expect(templateIssues(template)).not.toEqual([]);
    expect(() => text(template)).toThrow(TemplateError);
    expect((globalThis as Record<string, unknown>).__templatePwned).toBeUndefined();
  });

  test('the constructor.constructor probe names the helper call', () => {
    expect(templateIssues('{{constructor.constructor "return process"}}')).toEqual([
      {
        message:
          '"constructor.constructor" is used as a helper; the only helpers are the blocks {{#if field}} and {{#unless field}} (line 1, column 1)',
      },
    ]);
  });
});

describe('the template language', () => {
  test.each([
    ['{{> footer}}', 'partials ({{> name}}) are not available (line 1, column 1)'],
    ['{{#> layout}}x{{/layout}}', 'partials ({{> name}}) are not available (line 1, column 1)'],
    [
      '{{#each appointment.notes}}x{{/each}}',
      '{{#each}} is not available; the only blocks are {{#if field}} and {{#unless field}} (line 1, column 1)',
    ],
    [
      '{{#with appointment.notes}}x{{/with}}',
      '{{#with}} is not available; the only blocks are {{#if field}} and {{#unless field}} (line 1, column 1)',
    ],
    [
      '{{#contact.name}}x{{/contact.name}}',
      '{{#contact.name}} is not available; the only blocks are {{#if field}} and {{#unless field}} (line 1, column 1)',
    ],
    ['{{#if}}x{{/if}}', '{{#if}} takes exactly one merge field (line 1, column 1)'],
    [
      '{{#if appointment.notes includeZero=true}}x{{/if}}',
      'named arguments (key=value) are not available (line 1, column 25)',
    ],
    ['{{#if (eq contact.name "x")}}x{{/if}}', 'sub-expressions such as (eq …) are not available (line 1, column 7)'],
    ['{{../contact.name}}', 'parent references such as "../contact.name" are not available (line 1, column 3)'],
    ['{{"hello"}}', '{{"hello"}} is not a merge field (line 1, column 3)'],
    ['{{* decorator}}', 'decorators ({{* name}}) are not available (line 1, column 1)'],
  ])('%j is refused: %s', (template, message) => {
    expect(templateIssues(template)).toEqual([{ message }]);
  });

  test('comments and whitespace control are fine', () => {
    expect(text('{{!-- {{not.checked}} --}}Hi   {{~contact.first_name~}}  !')).toBe('HiAda!');
  });

  test('a template that does not parse is reported with Handlebars’ line information', () => {
    const [unclosed] = templateIssues('Hi\n{{contact.first_name');
    expect(unclosed?.message).toMatch(/^template does not parse: Parse error on line 2:/);
    expect(templateIssues('x\n{{#if appointment.notes}}x{{/unless}}')).toEqual([
      { message: "template does not parse: if doesn't match unless - 2:3" },
    ]);
    expect(() => text('{{#if appointment.notes}}')).toThrow(/template does not parse: Parse error on line 1/);
  });

  test('plain text with no fields renders as itself', () => {
    expect(text('See you soon.')).toBe('See you soon.');
    expect(templateIssues('See you soon.')).toEqual([]);
  });

  test('a timezone the runtime does not know is an error, not a wrong time', () => {
    expect(() => text('{{appointment.start_time}}', appointment(), 'Mars/Olympus_Mons')).toThrow(RangeError);
  });

  test('a start time that is not ISO 8601 is an error', () => {
    const data = appointment();
    data.appointment.startTime = 'next monday';
    expect(() => text('{{appointment.id}}', data)).toThrow('appointment.startTime is not an ISO 8601 time');
  });
});

describe('recipientTimezone', () => {
  test('contact messages use the contact’s timezone, then the calendar’s, then UTC', () => {
    const data = appointment();
    expect(recipientTimezone('contact', data)).toBe('America/New_York');
    data.contact.timezone = null;
    expect(recipientTimezone('contact', data)).toBe('America/Los_Angeles');
    data.calendar.timezone = null;
    expect(recipientTimezone('contact', data)).toBe('UTC');
  });

  test('internal messages use the user’s timezone, then the calendar’s, then UTC', () => {
    const data = appointment();
    expect(recipientTimezone('internal', data)).toBe('Europe/Paris');
    data.user.timezone = 'Not/A_Zone';
    expect(recipientTimezone('internal', data)).toBe('America/Los_Angeles');
    data.calendar.timezone = null;
    expect(recipientTimezone('internal', data)).toBe('UTC');
  });

  test('a contact message and an internal one about the same appointment show their own local times', () => {
    const data = appointment();
    const template = '{{appointment.only_start_time}} {{appointment.timezone}}';
    expect(text(template, data, recipientTimezone('contact', data))).toBe('10:00 AM America/New_York');
    expect(text(template, data, recipientTimezone('internal', data))).toBe('4:00 PM Europe/Paris');
  });
});
