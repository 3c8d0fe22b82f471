// ESLint flat config. Two jobs:
//  1. a type-checked typescript-eslint baseline over everything we own (src, test, bench);
//  2. STYLE.md rule 1, "dependencies point inward", as `no-restricted-imports` per layer.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// What only src/adapters may touch: frameworks, SDKs, models, files and HTTP.
const OUTER_PACKAGES = ['@nestjs/*', '@aws-sdk/*', '@tensorflow/*', '@vladmandic/*'];
const OUTER_MODULES = [
  'sharp',
  'express',
  'class-validator',
  'class-transformer',
  'fs',
  'node:fs',
  'fs/promises',
  'node:fs/promises',
  'path',
  'node:path',
  'worker_threads',
  'node:worker_threads',
];

/** `no-restricted-imports` options: no SDK of the list above, no import reaching an outer folder. */
function inwardOnly(layer, outerFolders) {
  const why = `${layer} stays framework-free (STYLE.md rule 1): put this in src/adapters`;
  return {
    paths: OUTER_MODULES.map((name) => ({ name, message: why })),
    patterns: [
      { group: OUTER_PACKAGES, message: why },
      ...outerFolders.map((folder) => ({
        group: [`**/${folder}`, `**/${folder}/**`],
        message: `${layer} must not import from src/${folder}: dependencies point inward (STYLE.md rule 1)`,
      })),
    ],
  };
}

export default defineConfig(
  // Lint the root files and the trees we own; dist/, data/, coverage/ and scratch dirs stay out.
  globalIgnores(['*/', '!src/', '!test/', '!bench/', '!scripts/']),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    // Plain JS (config files, the tsx worker bootstrap) is outside tsconfig.json: no type information.
    files: ['**/*.{js,mjs,cjs}'],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: globals.node },
  },

  {
    // Browser code: the project service types it by the nearest tsconfig.json, src/capture-page's own (DOM, no Node).
    files: ['src/capture-page/**/*.ts'],
    languageOptions: { globals: globals.browser },
  },

  {
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', inwardOnly('the domain', ['adapters', 'application', 'config'])],
    },
  },
  {
    files: ['src/application/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', inwardOnly('the application', ['adapters', 'config'])],
    },
  },

  {
    // In-memory fakes implement async ports without awaiting anything; `async` keeps a throw a rejection.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Response bodies from supertest (e2e) and fetch (bench) are `any` by design: the tests and
    // the benchmark read them as the JSON the API documents.
    files: ['test/e2e/**/*.ts', 'test/process/**/*.ts', 'test/lambda/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
);
