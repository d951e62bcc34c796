/**
 * Renders the Handlebars templates of automation messages with the merge fields of
 * PRODUCT.md section 5, and says what is wrong with a template before it is published.
 *
 * Templates are written by users, so the language is cut down to what messages need: merge
 * fields (`{{contact.first_name}}`) and `{{#if field}}…{{else}}…{{/if}}` / `{{#unless}}`. No other
 * helpers, no partials, no decorators, no `@data`, no `../`, no triple-stash. One AST check
 * (`templateIssues`) enforces that at publish time and again before a template is compiled,
 * so an unknown field can never render as silently empty, and a template cannot reach
 * `constructor` or any helper that runs code. Handlebars' own guards stay on underneath
 * (strict mode, known helpers only, prototype access denied, null-prototype data).
 */
import Handlebars from 'handlebars';
import { DateTime, IANAZone } from 'luxon';
import type { AppointmentStatus } from '../domain/appointment';
import { isKnownMergeField, type MergeFieldPath } from '../domain/merge-fields';

/** What a message is rendered from: loaded by an activity, never kept in workflow history. */
export interface MergeData {
  appointment: {
    id: string;
    title: string | null;
    notes: string | null;
    status: AppointmentStatus;
    /** ISO 8601 with offset */
    startTime: string;
    endTime: string;
    meetingLocation: string | null;
  };
  contact: {
    firstName: string;
    lastName: string | null;
    email: string | null;
    phone: string | null;
    timezone: string | null;
  };
  user: { name: string; email: string; phone: string | null; timezone: string };
  calendar: { name: string; timezone: string | null };
}

export interface RenderOptions {
  /** `html` for e-mail HTML; `none` for SMS, plain text and subjects, which are not HTML. */
  escape: 'html' | 'none';
  /** IANA zone the dates are shown in; see recipientTimezone. */
  timezone: string;
}

export interface TemplateIssue {
  message: string;
}

/** A template that does not parse or uses what the template language does not offer. */
export class TemplateError extends Error {
  constructor(readonly issues: TemplateIssue[]) {
    super(`invalid template: ${issues.map((issue) => issue.message).join('; ')}`);
    this.name = 'TemplateError';
  }
}

// Luxon tokens of PRODUCT.md section 5, always in US English.
const LOCALE = 'en-US';
const DATE_TIME_FORMAT = 'cccc, LLLL d, yyyy h:mm a';
const DATE_FORMAT = 'LLLL d, yyyy';
const TIME_FORMAT = 'h:mm a';
const WEEKDAY_FORMAT = 'cccc';
const MONTH_FORMAT = 'LLLL';

/**
 * Contact messages show the contact's timezone, internal ones the user's; then the calendar's;
 * then UTC. A zone this runtime does not know is passed over rather than failing the message.
 */
export function recipientTimezone(kind: 'contact' | 'internal', data: MergeData): string {
  const preferred = kind === 'contact' ? data.contact.timezone : data.user.timezone;
  for (const zone of [preferred, data.calendar.timezone]) {
    if (zone != null && IANAZone.isValidZone(zone)) return zone;
  }
  return 'UTC';
}

/** The value of every merge field, as text, with dates in `timezone`. */
export function mergeFieldValues(data: MergeData, timezone: string): Record<MergeFieldPath, string> {
  if (!IANAZone.isValidZone(timezone)) throw new RangeError(`unknown timezone "${timezone}"`);
  const start = localTime(data.appointment.startTime, 'startTime', timezone);
  const end = localTime(data.appointment.endTime, 'endTime', timezone);
  const text = (value: string | null) => value ?? '';
  return {
    'appointment.start_time': start.toFormat(DATE_TIME_FORMAT),
    'appointment.end_time': end.toFormat(DATE_TIME_FORMAT),
    'appointment.only_start_date': start.toFormat(DATE_FORMAT),
    'appointment.only_start_time': start.toFormat(TIME_FORMAT),
    'appointment.only_end_time': end.toFormat(TIME_FORMAT),
    'appointment.day_of_week': start.toFormat(WEEKDAY_FORMAT),
    'appointment.month_name': start.toFormat(MONTH_FORMAT),
    'appointment.timezone': start.zoneName ?? timezone,
    'appointment.title': text(data.appointment.title),
    'appointment.notes': text(data.appointment.notes),
    'appointment.status': data.appointment.status,
    'appointment.id': data.appointment.id,
    'appointment.meeting_location': text(data.appointment.meetingLocation),
    'contact.first_name': data.contact.firstName,
    'contact.last_name': text(data.contact.lastName),
    'contact.name': [data.contact.firstName, data.contact.lastName ?? '']
      .map((part) => part.trim())
      .filter(Boolean)
      .join(' '),
    'contact.email': text(data.contact.email),
    'contact.phone': text(data.contact.phone),
    'user.name': data.user.name,
    'user.first_name': data.user.name.trim().split(/\s+/)[0] ?? '',
    'user.email': data.user.email,
    'user.phone': text(data.user.phone),
    'calendar.name': data.calendar.name,
  };
}

function localTime(iso: string, field: string, timezone: string): DateTime {
  const time = DateTime.fromISO(iso, { setZone: true });
  if (!time.isValid) throw new RangeError(`appointment.${field} is not an ISO 8601 time: "${iso}"`);
  return time.setZone(timezone).setLocale(LOCALE);
}

/** Renders a template; throws TemplateError when it uses an unknown field or a refused construct. */
export function renderTemplate(template: string, data: MergeData, options: RenderOptions): string {
  const render = compiled(template, options.escape);
  return render(mergeContext(mergeFieldValues(data, options.timezone)), RUNTIME_OPTIONS);
}

/**
 * `{appointment: {start_time, …}, contact: {…}, …}` built from null-prototype objects, so there is
 * no `constructor` or `__proto__` to find even if a lookup got past the AST check.
 */
function mergeContext(values: Record<MergeFieldPath, string>): Record<string, Record<string, string>> {
  const root: Record<string, Record<string, string>> = Object.create(null);
  for (const [path, value] of Object.entries(values)) {
    const [group, field] = path.split('.') as [string, string];
    root[group] ??= Object.create(null);
    root[group][field] = value;
  }
  return root;
}

// ---------------------------------------------------------------------------------------------
// The cut-down template language

const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless']);

/** An environment of our own: helpers registered elsewhere on the global Handlebars never apply here. */
const handlebars = Handlebars.create();
for (const helper of ['each', 'with', 'log', 'lookup']) handlebars.unregisterHelper(helper);

const compileOptions = (escape: RenderOptions['escape']): CompileOptions => ({
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: {
    if: true,
    unless: true,
    each: false,
    with: false,
    log: false,
    lookup: false,
    helperMissing: false,
    blockHelperMissing: false,
  },
  noEscape: escape === 'none',
});

const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};

/**
 * Everything wrong with a template, empty when it may be published: parse errors (with
 * Handlebars' line information), unknown merge fields, and constructs the language refuses.
 */
export function templateIssues(template: string): TemplateIssue[] {
  let program: hbs.AST.Program;
  try {
    program = handlebars.parse(template);
  } catch (error) {
    return [{ message: `template does not parse: ${error instanceof Error ? error.message : String(error)}` }];
  }
  const issues = astIssues(program);
  if (issues.length > 0) return issues;
  try {
    // The compiler has checks of its own (e.g. on helpers); surface them now, not at send time.
    handlebars.precompile(template, compileOptions('html'));
  } catch (error) {
    return [{ message: `template does not compile: ${error instanceof Error ? error.message : String(error)}` }];
  }
  return [];
}

// The same reminder renders for every appointment: keep compiled templates, bounded.
const CACHE_LIMIT = 500;
const compiledTemplates = new Map<string, Handlebars.TemplateDelegate>();

function compiled(template: string, escape: RenderOptions['escape']): Handlebars.TemplateDelegate {
  const key = `${escape}\u0000${template}`;
  const hit = compiledTemplates.get(key);
  if (hit) {
    // re-insert: Map iteration order is insertion order, so the oldest-used entry comes first
    compiledTemplates.delete(key);
    compiledTemplates.set(key, hit);
    return hit;
  }
  const issues = templateIssues(template);
  if (issues.length > 0) throw new TemplateError(issues);
  const render = handlebars.compile(template, compileOptions(escape));
  compiledTemplates.set(key, render);
  if (compiledTemplates.size > CACHE_LIMIT) {
    const oldest = compiledTemplates.keys().next().value;
    if (oldest !== undefined) compiledTemplates.delete(oldest);
  }
  return render;
}

type AstNode = hbs.AST.Node;

/** Walks the whole template and names every refused construct once, with its position. */
function astIssues(program: hbs.AST.Program): TemplateIssue[] {
  const messages: string[] = [];
  const report = (node: AstNode, message: string) => {
    const full = `${message} (line ${node.loc.start.line}, column ${node.loc.start.column + 1})`;
    // the same unknown field used three times is one problem; keep the first position
    if (!messages.some((known) => known.startsWith(`${message} (`))) messages.push(full);
  };

  const visitProgram = (node: hbs.AST.Program | undefined) => {
    if (!node) return;
    if (node.blockParams && node.blockParams.length > 0) report(node, 'block parameters (as |x|) are not available');
    for (const statement of node.body) visitStatement(statement);
  };

  const visitStatement = (node: hbs.AST.Statement) => {
    switch (node.type) {
      case 'ContentStatement':
      case 'CommentStatement':
        return;
      case 'MustacheStatement': {
        const mustache = node as hbs.AST.MustacheStatement;
        const written = describe(mustache.path);
        if (!mustache.escaped) {
          report(node, `{{{${written}}}} and {{& ${written}}} would skip HTML escaping; write {{${written}}}`);
        }
        if (mustache.params.length > 0 || mustache.hash) {
          report(
            node,
            `"${written}" is used as a helper; the only helpers are the blocks {{#if field}} and {{#unless field}}`,
          );
          visitArguments(mustache.params, mustache.hash);
        } else {
          visitFieldReference(mustache.path);
        }
        return;
      }
      case 'BlockStatement': {
        const block = node as hbs.AST.BlockStatement;
        const name = describe(block.path);
        if (block.path.type !== 'PathExpression' || !BLOCK_HELPERS.has(block.path.original)) {
          report(node, `{{#${name}}} is not available; the only blocks are {{#if field}} and {{#unless field}}`);
        } else if (block.params.length !== 1) {
          report(node, `{{#${name}}} takes exactly one merge field`);
        }
        visitArguments(block.params, block.hash);
        visitProgram(block.program);
        visitProgram(block.inverse);
        return;
      }
      case 'PartialStatement':
      case 'PartialBlockStatement':
        report(node, 'partials ({{> name}}) are not available');
        return;
      case 'Decorator':
      case 'DecoratorBlock':
        report(node, 'decorators ({{* name}}) are not available');
        return;
      default:
        report(node, `${node.type} is not available in templates`);
    }
  };

  const visitArguments = (params: hbs.AST.Expression[], hash: hbs.AST.Hash | undefined) => {
    for (const param of params) visitExpression(param);
    if (hash) {
      report(hash, 'named arguments (key=value) are not available');
      for (const pair of hash.pairs) visitExpression(pair.value);
    }
  };

  const visitExpression = (node: hbs.AST.Expression) => {
    switch (node.type) {
      case 'PathExpression':
        visitFieldReference(node as hbs.AST.PathExpression);
        return;
      case 'SubExpression': {
        const sub = node as hbs.AST.SubExpression;
        report(node, `sub-expressions such as (${describe(sub.path)} …) are not available`);
        visitArguments(sub.params, sub.hash);
        return;
      }
      case 'StringLiteral':
      case 'NumberLiteral':
      case 'BooleanLiteral':
      case 'UndefinedLiteral':
      case 'NullLiteral':
        return;
      default:
        report(node, `${node.type} is not available in templates`);
    }
  };

  const visitFieldReference = (node: hbs.AST.PathExpression | hbs.AST.Literal) => {
    if (node.type !== 'PathExpression') {
      report(node, `{{${describe(node)}}} is not a merge field`);
      return;
    }
    const path = node as hbs.AST.PathExpression;
    if (path.data) {
      report(node, `data variables such as "${path.original}" are not available`);
    } else if (path.depth > 0) {
      report(node, `parent references such as "${path.original}" are not available`);
    } else if (path.parts.length !== 2 || !isKnownMergeField(path.parts.join('.'))) {
      // two plain segments exactly: `[appointment.id]` is one key with a dot in it, not the field
      const written = path.parts.map((part) => (part.includes('.') ? `[${part}]` : part)).join('.');
      report(node, `unknown merge field "${written || path.original}"`);
    }
  };

  visitProgram(program);
  return messages.map((message) => ({ message }));
}

function describe(node: hbs.AST.Node): string {
  switch (node.type) {
    case 'PathExpression':
      return (node as hbs.AST.PathExpression).original;
    case 'StringLiteral':
      return JSON.stringify((node as hbs.AST.StringLiteral).value);
    case 'NumberLiteral':
    case 'BooleanLiteral':
      return String((node as hbs.AST.NumberLiteral | hbs.AST.BooleanLiteral).value);
    case 'UndefinedLiteral':
      return 'undefined';
    case 'NullLiteral':
      return 'null';
    case 'SubExpression':
      return `(${describe((node as hbs.AST.SubExpression).path)} …)`;
    default:
      return node.type;
  }
}
