/**
 * Text PostgreSQL cannot store (NUL) or that is not valid Unicode (an unpaired surrogate) is refused
 * once, at the boundary, instead of failing later in a jsonb column or an activity.
 */
import { formatPath } from './errors';

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The path of the first string (value or key) with unstorable text, or undefined. Iterative: bodies may nest deeply. */
export function unstorableTextPath(root: unknown): string | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return formatPath(path);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], path: [...path, index] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index] as [string, unknown];
        if (UNSTORABLE.test(key)) return formatPath([...path, key]);
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return undefined;
}
