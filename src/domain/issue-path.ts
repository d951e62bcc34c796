/**
 * How the API spells where a bad value is: one notation for every 4xx `issues[].path`, whether the
 * problem was found by a zod schema, by automation validation or by the unstorable-text check.
 */

/** `['actions', 2, 'body']` → `actions[2].body`, after `prefix` (where the value came from) if given. */
export function formatIssuePath(path: readonly PropertyKey[], prefix?: string): string {
  let out = prefix ?? '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out === '' ? '(body)' : out;
}
