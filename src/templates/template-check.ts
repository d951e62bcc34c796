/**
 * The one check of a template, run when an automation is published (automation-validation.ts) and
 * again before a template is compiled (template-render.ts): size limits, then the parse, then the
 * constructs the template language refuses, then Handlebars' own compiler checks.
 *
 * Pure (Handlebars and the merge-field catalogue only, no I/O, no config), so domain validation
 * may call it.
 */
import { refusedConstructs } from './refused-constructs';
import { compileOptions, templateEngine } from './template-language';

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

/**
 * Everything wrong with a template, empty when it may be published: a size limit passed, parse
 * errors (with Handlebars' line information), unknown merge fields, and constructs the language
 * refuses. Never throws.
 */
export function templateIssues(template: string): TemplateIssue[] {
  const oversize = sizeIssue(template);
  if (oversize) return [{ message: oversize }];
  try {
    return parsedTemplateIssues(template).map((message) => ({ message }));
  } catch (error) {
    // e.g. a RangeError from a structure deeper than the limits foresee: refuse, never a 500
    return [{ message: `template could not be checked: ${error instanceof Error ? error.message : String(error)}` }];
  }
}

function parsedTemplateIssues(template: string): string[] {
  let program: hbs.AST.Program;
  try {
    program = templateEngine.parse(template);
  } catch (error) {
    return [`template does not parse: ${error instanceof Error ? error.message : String(error)}`];
  }
  const refused = refusedConstructs(program);
  if (refused.length > 0) return refused;
  try {
    // The compiler has checks of its own (e.g. on helpers); surface them now, not at send time.
    templateEngine.precompile(template, compileOptions('html'));
  } catch (error) {
    return [`template does not compile: ${error instanceof Error ? error.message : String(error)}`];
  }
  return [];
}

// Handlebars' parser takes time quadratic in the nesting of blocks (also `{{else if}}` chains and
// sub-expressions), and the checker walks the tree recursively: a few kilobytes nested thousands
// deep would hold the event loop for seconds or overflow the stack. No message needs anywhere
// near these numbers, so past them the template is refused before it is parsed.
const MAX_TEMPLATE_TAGS = 1_000;
const MAX_TEMPLATE_BLOCK_TAGS = 100;
const MAX_TEMPLATE_PARENTHESES = 20;

/** Why the template is too big to parse safely, if it is. */
function sizeIssue(template: string): string | undefined {
  const tags = mustacheTags(template);
  if (tags.length > MAX_TEMPLATE_TAGS)
    return `uses ${tags.length} {{…}} tags; a template may use at most ${MAX_TEMPLATE_TAGS}`;
  const blockTags = tags.filter((tag) => /^\{\{~?\s*([#^]|else\b)/.test(tag)).length;
  if (blockTags > MAX_TEMPLATE_BLOCK_TAGS) {
    return `uses ${blockTags} {{#if}}/{{#unless}}/{{else}} tags; a template may use at most ${MAX_TEMPLATE_BLOCK_TAGS}`;
  }
  const parentheses = tags.reduce((count, tag) => count + tag.split('(').length - 1, 0);
  if (parentheses > MAX_TEMPLATE_PARENTHESES) return 'sub-expressions such as (lookup …) are not available';
  return undefined;
}

/**
 * The `{{…}}` tags of a template, comments left out (they may contain anything, braces included).
 * One forward pass, no backtracking: linear in the template's length.
 */
function mustacheTags(template: string): string[] {
  const tags: string[] = [];
  let from = 0;
  for (;;) {
    const open = template.indexOf('{{', from);
    if (open < 0) return tags;
    const comment = /^\{\{~?!(--)?/.exec(template.slice(open, open + 6));
    const end = comment?.[1] ? /--~?\}\}/g : /\}\}/g;
    end.lastIndex = open + (comment ? comment[0].length : 2);
    const close = end.exec(template);
    if (!close) return tags; // unterminated: the parser reports it
    if (!comment) tags.push(template.slice(open, close.index + 2));
    from = close.index + close[0].length;
  }
}
