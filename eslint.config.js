import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Models under src/protocols and src/core, and tool logic under src/tools (outside view/), stay pure:
// no React, router, store, DOM or app layers, so they run and test in Node.
const pureModelRestrictions = {
  paths: [
    {
      name: 'react',
      message:
        "Models stay free of React: views go in src/lab, src/routes or a tool's view/ folder.",
    },
    {
      name: 'react-dom',
      message:
        "Models stay free of React: views go in src/lab, src/routes or a tool's view/ folder.",
    },
    { name: 'zustand', message: 'Models take state as arguments instead of reading the store.' },
  ],
  patterns: [
    {
      group: ['react/*', 'react-dom/*', 'zustand/*'],
      message: 'Models stay free of React and the store.',
    },
    { group: ['@tanstack/*'], message: 'Models do not know about the router.' },
    {
      group: ['**/routes/**', '**/lab/**', '**/ui/**', '**/store/**', '**/workers/**'],
      message: 'Models import only other models and libraries.',
    },
  ],
};

const browserOnlyGlobals = [
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
  'location',
  'history',
].map((name) => ({
  name,
  message: `Models never touch the DOM or browser state ("${name}"); pass values in as arguments.`,
}));

export default tseslint.config(
  { ignores: ['dist', 'node_modules', 'test-results', 'playwright-report', 'bench-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    files: ['src/protocols/**/*.ts', 'src/tools/**/*.{ts,tsx}', 'src/core/**/*.ts'],
    // A tool's view lives in its view/ folder and may use React; the rest of the tool may not.
    ignores: ['**/*.test.ts', 'src/tools/*/view/**'],
    rules: {
      'no-restricted-imports': ['error', pureModelRestrictions],
      'no-restricted-globals': ['error', ...browserOnlyGlobals],
    },
  },
  {
    files: ['src/protocols/**/*.tsx'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'Program',
          message:
            'src/protocols contains pure models only: put views under src/routes or src/lab.',
        },
      ],
    },
  },
  {
    files: ['scripts/**', 'e2e/**'],
    rules: { 'no-console': 'off', 'react-hooks/rules-of-hooks': 'off' },
  },
);
