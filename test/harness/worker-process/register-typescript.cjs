/**
 * Lets a child Node process load the TypeScript sources the way Jest does (@swc/core, CommonJS, the
 * options of jest.config.js), so the worker a test kills runs the current code, not a stale build.
 *   node --require ./register-typescript.cjs worker-main.ts
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
