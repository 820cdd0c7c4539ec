import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Pure modules (STYLE.md §2): no UI or map imports, no browser globals, so they run and test in Node.
const PURE = [
  'src/lib/geo/**',
  'src/lib/stats/**',
  'src/lib/scales/**',
  'src/lib/i18n/**',
  'src/lib/types.ts',
  'src/lib/errors.ts',
];
const PURE_DATA = ['src/lib/data/**'];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/data/', 'test-results/', 'playwright-report/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  prettier,
  ...svelte.configs['flat/prettier'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    files: [...PURE, ...PURE_DATA],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['svelte', 'svelte/*', 'maplibre-gl', 'maplibre-gl/*', 'node:*'],
              message: 'Pure modules import no UI, map or Node APIs (STYLE.md §2).',
            },
          ],
        },
      ],
    },
  },
  {
    files: PURE,
    // The one export module that starts a browser download.
    ignores: ['src/lib/export/download.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'localStorage', 'navigator'],
    },
  },
  {
    // The browser loader is the one data module that may fetch.
    files: ['src/lib/data/**'],
    ignores: ['src/lib/data/load.ts'],
    rules: { 'no-restricted-globals': ['error', 'window', 'document', 'fetch', 'localStorage', 'navigator'] },
  },
);
