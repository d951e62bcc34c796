// ESLint (flat config): typescript-eslint's recommended rules, with type information for the
// promise rules, and the determinism fences around the workflow code.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Modules a workflow may not import at run time: Node's own, I/O code, and zod (kept out of the bundle). */
const workflowForbiddenImports = {
  patterns: [
    { group: ['node:*'], message: 'Workflow code is deterministic: no Node modules.' },
    {
      group: ['**/activities/*', '**/integrations/*', '**/integrations/**', '**/store/*', '**/api/*', '**/api/**'],
      allowTypeImports: true,
      message: 'Workflow code runs in the sandbox: only types from activities, integrations, store or api.',
    },
    { group: ['zod', 'zod/*'], message: 'zod stays out of the workflow bundle.' },
  ],
  paths: ['fs', 'path', 'crypto', 'os', 'http', 'https', 'net', 'child_process', 'timers', 'timers/promises'].map(
    (name) => ({ name, message: 'Workflow code is deterministic: no Node modules.' }),
  ),
};

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'node_modules/',
      '.data/',
      '.temporal/',
      'coverage/',
      '.test-tmp/',
      'web/dist/',
      'web/src/api/generated/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // tests read response bodies as they come
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['src/workflows/**/*.ts'],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', workflowForbiddenImports] },
  },
  {
    // the web console: typed with its own tsconfig (DOM, JSX, bundler resolution), and the rules of hooks
    files: ['web/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat['recommended-latest']],
    languageOptions: {
      parserOptions: { projectService: false, project: './web/tsconfig.json', tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    files: ['**/*.js', '**/*.cjs', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
    languageOptions: {
      globals: {
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        process: 'readonly',
        console: 'readonly',
      },
    },
  },
);
