import js from '@eslint/js';
import ts from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import { readFileSync } from 'node:fs';

// The scheme names, read from the keys of the scheme table itself (two-space-indented entries of
// SCHEME_TRAITS), so the lint rule below knows every scheme without a list of its own.
const traitsSource = readFileSync(new URL('./src/engine/routing/traits.ts', import.meta.url), 'utf8');
const table = traitsSource.slice(traitsSource.indexOf('export const SCHEME_TRAITS = {'));
const schemeNames = [...table.slice(0, table.indexOf('\n} as const')).matchAll(/^ {2}'?([a-z][a-z0-9-]*)'?: \{/gm)].map((m) => m[1]);
if (schemeNames.length === 0) throw new Error('eslint.config.js: no scheme names found in src/engine/routing/traits.ts');
const schemeName = `/^(${schemeNames.join('|')})$/`;

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'bench/results/', 'test-results/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // the engine is pure (no DOM, no svelte) and the lowest layer: it imports nothing above it
    files: ['src/engine/**/*.ts'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['svelte', 'svelte/*', 'd3-selection', '**/state/*', '**/worker/*', '**/components/*', '**/i18n/*'] },
      ],
    },
  },
  {
    // the worker sits on the engine, below the page's state and views
    files: ['src/worker/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['svelte', 'svelte/*', '**/state/*', '**/components/*', '**/i18n/*'] }],
    },
  },
  {
    // views draw snapshots: tfjs stays behind the engine's adapter
    files: ['src/components/**', 'src/state/**', 'src/App.svelte', 'src/main.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: ['@tensorflow/*'] }],
    },
  },
  {
    // a scheme is asked about through its traits (src/engine/routing/traits.ts), never by name:
    // comparing or switching on a scheme outside the routing engine is what made a new scheme
    // touch a dozen files
    files: ['src/**/*.ts', 'src/**/*.svelte'],
    ignores: ['src/engine/routing/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...[
          "BinaryExpression[operator=/^[!=]==?$/] > MemberExpression[property.name='scheme']",
          "BinaryExpression[operator=/^[!=]==?$/] > Identifier[name='scheme']",
          "SwitchStatement > MemberExpression.discriminant[property.name='scheme']",
          "SwitchStatement > Identifier.discriminant[name='scheme']",
          // a scheme's name compared or matched by any other route (`const s = c.scheme; s === 'soft'`)
          `BinaryExpression[operator=/^[!=]==?$/] > Literal[value=${schemeName}]`,
          `SwitchCase > Literal.test[value=${schemeName}]`,
        ].map((selector) => ({ selector, message: 'Ask the scheme traits (traitsOf, needs, gateFormula in src/engine/routing/traits.ts) instead of comparing a scheme.' })),
      ],
    },
  },
  {
    files: ['tests/e2e/**', 'bench/**', 'scripts/**'],
    rules: { 'no-console': 'off' },
  },
);
