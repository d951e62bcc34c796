/**
 * Text PostgreSQL cannot store (NUL) or that is not valid Unicode (an unpaired surrogate) is refused
 * once, at the boundary, instead of failing later in a jsonb column or an activity.
 */
import { formatIssuePath } from '../domain/issue-path';

// eslint-disable-next-line no-control-regex
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A path as a chain to its parent: deep bodies cost no copying; it is spelled out only when needed. */
interface PathNode {
  key: string | number;
  parent: PathNode | undefined;
}

function spell(node: PathNode | undefined): string {
  const keys: (string | number)[] = [];
  for (let at = node; at; at = at.parent) keys.push(at.key);
  return formatIssuePath(keys.reverse());
}

/** The path of the first string (value or key) with unstorable text, or undefined. Iterative: bodies may nest deeply. */
export function unstorableTextPath(root: unknown): string | undefined {
  const stack: { value: unknown; path: PathNode | undefined }[] = [{ value: root, path: undefined }];
  while (stack.length > 0) {
    const { value, path } = stack.pop() as { value: unknown; path: PathNode | undefined };
    if (typeof value === 'string') {
      if (UNSTORABLE.test(value)) return spell(path);
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--)
        stack.push({ value: value[index], path: { key: index, parent: path } });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) {
        const [key, item] = entries[index] as [string, unknown];
        const child = { key, parent: path };
        if (UNSTORABLE.test(key)) return spell(child);
        stack.push({ value: item, path: child });
      }
    }
  }
  return undefined;
}
