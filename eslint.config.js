import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import layers from './scripts/eslint-layers.js';

/** Globals that exist in Node only: the browser-safe layers must not touch them. */
const nodeOnly = ['Buffer', 'process', 'require', '__dirname', '__filename', 'global', 'setImmediate'].map((name) => ({
  name,
  message: 'core, sim and scenario run in the browser too (see ARCHITECTURE.md)',
}));
/** Non-determinism: the world owns time and randomness. */
const nondeterministic = [
  { name: 'setTimeout', message: 'the world owns every timer (ARCHITECTURE.md decision 1)' },
  { name: 'setInterval', message: 'the world owns every timer (ARCHITECTURE.md decision 1)' },
];

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-results/', 'tests/lint-fixtures/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { layers },
    rules: {
      'layers/direction': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser, extraFileExtensions: ['.svelte'] } },
  },
  {
    files: ['src/core/**', 'src/sim/**', 'src/scenario/**', 'src/lessons/**'],
    rules: {
      'no-restricted-globals': ['error', ...nodeOnly, ...nondeterministic],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'use the world\'s seeded random generator' },
        { object: 'Date', property: 'now', message: 'use the world\'s virtual clock' },
        { object: 'performance', property: 'now', message: 'use the world\'s virtual clock' },
      ],
    },
  },
  {
    // One way to reach localStorage, which throws where the browser blocks it (page-storage.ts).
    files: ['src/ui/**'],
    ignores: ['src/ui/state/page-storage.ts'],
    rules: {
      'no-restricted-globals': ['error', { name: 'localStorage', message: 'use pageStorage() (src/ui/state/page-storage.ts): it is null where storage is blocked' }],
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'localStorage', message: 'use pageStorage() (src/ui/state/page-storage.ts): it is null where storage is blocked' },
        { object: 'globalThis', property: 'localStorage', message: 'use pageStorage() (src/ui/state/page-storage.ts): it is null where storage is blocked' },
      ],
    },
  },
);
