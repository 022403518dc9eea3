// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

// The dependency rule from STYLE.md: a layer imports only from layers below it; siblings never import each other.
const layers = {
  core: [],
  protocols: ['core'],
  config: ['core'],
  governance: ['core', 'protocols', 'config'],
  cost: ['core', 'protocols', 'config'],
  routing: ['core', 'protocols', 'config'],
  vendors: ['core', 'protocols', 'config'],
  pipeline: ['core', 'protocols', 'config', 'governance', 'cost', 'routing', 'vendors'],
  store: ['core', 'protocols', 'config', 'governance', 'cost', 'routing', 'vendors', 'pipeline'],
  // the reports as data, for the CLI's `airlock report` and the admin API alike
  reports: ['core', 'protocols', 'config', 'governance', 'cost', 'routing', 'vendors', 'pipeline', 'store'],
  server: ['core', 'protocols', 'config', 'governance', 'cost', 'routing', 'vendors', 'pipeline', 'store', 'reports'],
  cli: ['core', 'protocols', 'config', 'governance', 'cost', 'routing', 'vendors', 'pipeline', 'store', 'reports', 'server', 'simulator'],
  simulator: [],
};
const all = Object.keys(layers);
const boundaries = Object.entries(layers).map(([layer, allowed]) => ({
  files: [`src/${layer}/**/*.ts`],
  ignores: ['**/*.test.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        patterns: all
          .filter((other) => other !== layer && !allowed.includes(other))
          .map((other) => ({ group: [`**/${other}/*`, `../${other}`, `../../${other}`], message: `${layer}/ may not import ${other}/ (STYLE.md dependency rule)` })),
      },
    ],
  },
}));

export default tseslint.config(
  // bench/harness is the team's shared load harness, copied verbatim from shared/bench
  { ignores: ['node_modules/**', 'bench/results/**', 'bench/harness/**', 'dashboard/dist/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: { allowDefaultProject: ['*.js', 'bin/*.js'] }, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-floating-promises': ['error', { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'it', 'describe', 'suite'] }] }],
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'max-lines': ['error', { max: 400, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts', 'bench/**/*.ts'],
    rules: { 'max-lines-per-function': 'off', '@typescript-eslint/no-unsafe-member-access': 'off', '@typescript-eslint/no-unsafe-assignment': 'off' },
  },
  {
    files: ['src/simulator/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['../*', '!./*'], message: 'simulator/ imports node built-ins only (STYLE.md)' }] }] },
  },
  ...boundaries.filter((b) => !b.files[0]?.startsWith('src/simulator')),
  {
    // STYLE.md: dashboard/ speaks only the admin API. Its browser globals come from the DOM lib in
    // dashboard/tsconfig.json, which the type-aware rules read (typescript-eslint turns no-undef off for TypeScript).
    files: ['dashboard/**/*.ts', 'dashboard/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/src/**'], message: 'dashboard/ reads the admin API only, never the gateway\'s modules (STYLE.md)' }] }] },
  },
  { files: ['**/*.js'], ...tseslint.configs.disableTypeChecked },
);
