// ESLint for the whole tree: typescript-eslint's recommended rules, the rules of hooks
// for the renderer, and the process and layer boundaries (docs/tooling.md). The
// boundaries resolve every import to a file, so `../../main/x` and `./x` are judged by
// where they land, not by how the path is spelled.
import js from '@eslint/js';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Packages that need Node or Electron and must stay out of shared/ and renderer/. */
const MAIN_ONLY_PACKAGES = ['electron', 'sqlite3', 'typeorm', 'exceljs'];

/** main/<layer> -> the main/ layers it must not import (the layering of docs/architecture). */
const MAIN_FORBIDDEN = {
  services: ['app', 'ipc', 'harness', 'electron', 'cli', 'demo'],
  store: ['app', 'ipc', 'harness', 'electron', 'services', 'auth', 'demo'],
  auth: ['app', 'ipc', 'harness', 'electron', 'services', 'store', 'demo'],
  excel: ['app', 'ipc', 'harness', 'electron', 'services', 'demo'],
  ipc: ['app', 'harness', 'electron'],
};

/** The files of main/services that may name main/store: the ports that type what services use. */
const STORE_PORTS = ['main/services/storePort.ts', 'main/services/storeReads.ts'];

const anyOf = (list) => `{${list.join(',')}}`;

/** One policy: code in `fromType` may not import what `to` selects. */
const forbid = (fromType, to, message) => ({
  from: { element: { type: fromType } },
  disallow: { to },
  message,
});

const boundaryPolicies = [
  forbid(
    'shared',
    [
      { element: { type: '!shared' } },
      { module: { origin: 'core' } },
      { module: { origin: 'external', source: '!zod' } },
    ],
    'shared/ is environment-neutral: it imports only shared/ and zod',
  ),
  forbid(
    'renderer',
    [
      { element: { type: '!{renderer,shared}' } },
      { module: { origin: 'core' } },
      { module: { origin: 'external', source: anyOf(MAIN_ONLY_PACKAGES) } },
    ],
    'the renderer reaches main only through the bridge: it imports renderer/, shared/ and ' +
      'browser packages',
  ),
  forbid(
    'preload',
    [
      { element: { type: '!{preload,shared}' } },
      { module: { origin: 'core' } },
      { module: { origin: 'external', source: '!{electron,zod}' } },
    ],
    'the preload reaches only electron and shared/',
  ),
  forbid(
    'server',
    [{ element: { type: '{main,renderer,preload}' } }],
    'the central server shares only shared/ with the app, never main/ or renderer/',
  ),
  ...Object.entries(MAIN_FORBIDDEN).map(([layer, banned]) => ({
    from: { element: { type: 'main', captured: { layer } } },
    disallow: { to: { element: { type: 'main', captured: { layer: anyOf(banned) } } } },
    message: `main/${layer} must not import main/${anyOf(banned)} (docs/architecture.md)`,
  })),
  {
    from: { element: { type: 'main', captured: { layer: 'services' } } },
    disallow: { to: { element: { type: 'main', captured: { layer: 'store' } } } },
    message: 'main/services reaches the store only through its ports (storePort, storeReads)',
  },
  // Later policies win: the two port files are the one way from services to the store.
  {
    from: { file: { path: anyOf(STORE_PORTS) } },
    allow: { to: { element: { type: 'main', captured: { layer: 'store' } } } },
  },
];

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'release/**',
      'out/**',
      'coverage/**',
      'test-results/**',
      'playwright-report/**',
      'tests/bench/out/**',
      '.kabyl-data/**',
      '.tmp/**',
      'resources/**/*.png',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // This rule says the React Compiler would skip a component that uses TanStack's
      // virtualizer or table; the app does not run the compiler, so there is nothing to fix.
      'react-hooks/incompatible-library': 'off',
    },
  },
  {
    files: ['{shared,renderer,preload,server,main}/**/*.{ts,tsx,mts}'],
    plugins: { boundaries },
    settings: {
      'import/resolver': { typescript: { project: 'tsconfig.json' } },
      'boundaries/dependency-nodes': ['import', 'require', 'export', 'dynamic-import'],
      'boundaries/include': ['{shared,renderer,preload,server,main}/**/*'],
      'boundaries/elements': [
        { type: 'shared', pattern: 'shared', partialMatch: false },
        { type: 'renderer', pattern: 'renderer', partialMatch: false },
        { type: 'preload', pattern: 'preload', partialMatch: false },
        { type: 'server', pattern: 'server', partialMatch: false },
        { type: 'main', pattern: 'main/*', capture: ['layer'], partialMatch: false },
      ],
    },
    rules: {
      'boundaries/dependencies': [
        'error',
        {
          default: 'allow',
          checkAllOrigins: true,
          policies: boundaryPolicies,
        },
      ],
    },
  },
);
