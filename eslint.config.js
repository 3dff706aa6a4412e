import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// Arrows point one way (see ARCHITECTURE.md): libraries never import apps.
const noApps = {
  group: ['@g2g/backend', '@g2g/demo', '**/apps/**'],
  message: 'packages/ must not import from apps/.',
};
const noReact = {
  group: ['react', 'react-dom', 'react/*', 'react-dom/*'],
  message: 'meeting-hooks core is framework-free: React belongs in src/react.',
};

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/**',
      '**/dist/**',
      'storybook-static/**',
      'coverage/**',
      'test-results/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      eqeqeq: ['error', 'smart'],
      'no-console': 'off',
    },
  },
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['packages/**/*.{ts,tsx}'],
    ignores: ['packages/**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [noApps] }],
    },
  },
  {
    files: ['packages/meeting-hooks/src/core/**/*.{ts,tsx}'],
    rules: { 'no-restricted-imports': ['error', { patterns: [noApps, noReact] }] },
  },
  {
    // The main entry is browser-safe and dependency-free; zod is for ./rest only.
    files: ['packages/webex-spec/src/**/*.ts'],
    ignores: ['packages/webex-spec/src/rest/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['zod', 'zod/*', './rest', './rest/*', '@g2g/webex-spec/rest'],
              message:
                "@g2g/webex-spec's main entry has no dependencies: REST shapes live in ./rest.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/service-app/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            noApps,
            {
              group: ['fastify', 'fastify/*', '@fastify/*', 'express', 'koa', 'hono'],
              message: 'service-app is framework-free: HTTP frameworks belong in apps/backend.',
            },
          ],
        },
      ],
    },
  },
);
