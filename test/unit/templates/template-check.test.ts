import { MERGE_FIELDS } from '../../../src/domain/merge-fields';
import { TemplateError, templateIssues } from '../../../src/templates/template-check';
import { appointment, text } from './merge-data-fixture';

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
