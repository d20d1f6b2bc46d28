// ESLint enforces the architecture's import boundaries (../shared/ARCHITECTURE.md) and the TypeScript habits.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const restrict = (patterns, paths = []) => ({
  'no-restricted-imports': ['error', { paths, patterns }],
});
const engineKnowsNoDoor = {
  group: ['**/renderer/**', '**/main/**', '**/host/**', '**/cli/**', '**/preload/**', 'electron', 'react', 'react-dom'],
  message: 'The engine is plain Node: it knows no door.',
};
// Handler files are the doors' side of a domain: the router gathers them, and nothing else depends on them (logic a
// job or another domain needs goes in a module of its own). test/unit/engine/import-graph.test.ts checks it too.
const onlyRouterImportsHandlers = {
  regex: '(^|/)([\\w.-]+-)?handlers(\\.ts)?$',
  message: 'Only src/engine/router.ts imports handler files. Move what you need out of the handler file into a module of its own.',
};
const builtinPaths = nodeBuiltins.map((name) => ({ name, message: 'This layer runs in a browser sandbox: no Node built-ins.' }));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', 'dist/**', 'test/artifacts/**', 'bench/results/**', 'playwright-report/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['warn', 'error'] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: restrict([{ regex: '^(?!zod$|\\./[^/]+$)', message: 'src/shared is the contract: it may import zod and itself only.' }]),
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    rules: restrict(
      [
        { group: ['**/engine', '**/engine/**', '**/main/**', '**/host/**', '**/cli/**', '**/preload/**'], message: 'The renderer talks to the engine only through the api client.' },
        { group: ['electron', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@tensorflow/*', 'ws'], message: 'No Node or native packages in the renderer.' },
      ],
      builtinPaths,
    ),
  },
  {
    files: ['src/preload/**/*.ts'],
    rules: restrict([
      { group: ['**/engine', '**/engine/**', '**/renderer/**', '**/main/**', '**/host/**', '**/cli/**', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@tensorflow/*', 'zod'], message: 'The preload may import electron and the channel list only.' },
    ]),
  },
  {
    files: ['src/main/**/*.ts'],
    rules: restrict([
      { group: ['**/engine', '**/engine/**', '**/renderer/**', '**/host/**', '**/cli/**', 'better-sqlite3', 'better-sqlite3-multiple-ciphers', '@tensorflow/*', 'react', 'react-dom'], message: 'Main supervises the engine process; it never imports engine internals.' },
    ]),
  },
  {
    files: ['src/host/**/*.ts', 'src/cli/**/*.ts'],
    rules: restrict([
      { regex: '/engine/(?!index$)', message: 'Doors use the engine entry (src/engine/index.ts), not its internals.' },
      { group: ['**/renderer/**', '**/main/**', 'electron', 'react'], message: 'Not a layer this door may use.' },
    ]),
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: restrict([engineKnowsNoDoor, onlyRouterImportsHandlers]),
  },
  {
    files: ['src/engine/router.ts'],
    rules: restrict([engineKnowsNoDoor]),
  },
  {
    files: ['**/*.{js,mjs,cjs}', 'scripts/**', 'bench/**', 'test/**'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly', Buffer: 'readonly', setTimeout: 'readonly', performance: 'readonly' } },
    rules: { 'no-console': 'off' },
  },
);
