/**
 * Lets a Node process load the TypeScript sources the way Jest does (@swc/core, CommonJS, the options
 * of jest.config.js), so that the worker a test kills and the benchmarks run the current code, not a
 * stale build:
 *   node --require ./scripts/register-typescript.cjs bench/run-all.ts
 */
const { readFileSync } = require('node:fs');
const { transformSync } = require('@swc/core');

require.extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    jsc: { target: 'es2022', parser: { syntax: 'typescript' } },
    module: { type: 'commonjs' },
  });
  module._compile(code, filename);
};
