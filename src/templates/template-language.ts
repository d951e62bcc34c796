/**
 * The template language of automation messages: Handlebars, cut down to what messages need.
 *
 * Templates are written by users, so they get merge fields (`{{contact.first_name}}`) and
 * `{{#if field}}…{{else}}…{{/if}}` / `{{#unless}}`, nothing else: no other helpers, no partials,
 * no decorators, no `@data`, no `../`, no triple-stash. template-check.ts enforces that at publish
 * time and again before a template is compiled, so an unknown field can never render as silently
 * empty, and a template cannot reach `constructor` or any helper that runs code. Handlebars' own
 * guards stay on underneath (strict mode, known helpers only, prototype access denied,
 * null-prototype data in template-render.ts).
 */
import Handlebars from 'handlebars';

/** `html` for e-mail HTML; `none` for SMS, plain text and subjects, which are not HTML. */
export type TemplateEscape = 'html' | 'none';

/** The only helpers a template may use, both as blocks over one merge field. */
export const BLOCK_HELPERS: ReadonlySet<string> = new Set(['if', 'unless']);

/** An environment of our own: helpers registered elsewhere on the global Handlebars never apply here. */
export const templateEngine = Handlebars.create();
for (const helper of ['each', 'with', 'log', 'lookup']) templateEngine.unregisterHelper(helper);

export const compileOptions = (escape: TemplateEscape): CompileOptions => ({
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

export const RUNTIME_OPTIONS: Handlebars.RuntimeOptions = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
  allowCallsToHelperMissing: false,
};
