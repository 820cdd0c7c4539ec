import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import prettier from 'eslint-config-prettier';
import globals from 'globals';

// Pure modules (STYLE.md §2): no UI or map imports, no Node APIs, no browser globals, so they run and test in
// Node and in a Web Worker alike. Every folder of src/lib is pure except map/ (MapLibre), state/ (runes),
// storage/ (IndexedDB) and the files below that talk to the browser.
const PURE = [
  'src/lib/model/**',
  'src/lib/worker/**',
  'src/lib/data/**',
  'src/lib/geo/**',
  'src/lib/stats/**',
  'src/lib/history/**',
  'src/lib/import/**',
  'src/lib/export/**',
  'src/lib/scales/**',
  'src/lib/i18n/**',
  'src/lib/state/url-state.ts',
  'src/lib/state/export-tables.ts',
  'src/lib/types.ts',
  'src/lib/errors.ts',
];
// The exceptions inside those folders: the browser loader (fetch), the download helper (a link in the document),
// and the worker's two browser ends (starting the Worker, and the worker's `self`).
const BROWSER_EDGE = [
  'src/lib/data/load.ts',
  'src/lib/export/download.ts',
  'src/lib/worker/stats-client.ts',
  'src/lib/worker/stats.worker.ts',
  'src/lib/worker/import-client.ts',
  'src/lib/worker/import.worker.ts',
];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'public/data/', 'test-results/', 'bench-results/', 'playwright-report/'] },
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
    files: PURE,
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['svelte', 'svelte/*', 'maplibre-gl', 'maplibre-gl/*', 'node:*'],
              message: 'Pure modules import no UI, map or Node APIs (STYLE.md §2).',
            },
            {
              group: ['**/map/*', '**/state/*.svelte', '**/state/*.svelte.ts', '**/storage/*', '**/components/*'],
              message: 'Pure modules depend only on pure modules (STYLE.md §1: folders depend downwards).',
            },
          ],
        },
      ],
    },
  },
  {
    files: PURE,
    ignores: BROWSER_EDGE,
    rules: {
      'no-restricted-globals': [
        'error',
        'window',
        'document',
        'fetch',
        'localStorage',
        'sessionStorage',
        'indexedDB',
        'navigator',
        'location',
        'history',
        'Worker',
        'self',
      ],
    },
  },
);
