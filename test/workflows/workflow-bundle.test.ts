/**
 * The workflow bundle stays lean: every cached workflow execution gets its own copy of the modules
 * the bundle evaluates, so a library imported by workflow code costs its memory once per execution
 * (zod's schemas did, about a megabyte each: bench/README.md). Workflow code imports pure modules.
 */
import { readFileSync } from 'node:fs';
import { testWorkflowBundlePath } from '../harness/harness-env';

test('the workflow bundle holds no schema library or other package beyond the Temporal SDK', () => {
  const code = readFileSync(testWorkflowBundlePath(), 'utf8');
  const packages = [...new Set(code.match(/node_modules\/(@[^/]+\/)?[^/]+/g) ?? [])]
    .map((match) => match.replace('node_modules/', ''))
    .sort();
  expect(packages).not.toContain('zod');
  // the SDK and what it brings with it; anything new here is worth a thought
  expect(packages.filter((name) => !name.startsWith('@temporalio/'))).toEqual(['long', 'ms', 'nexus-rpc']);
});
