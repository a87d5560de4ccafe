// Lint for correctness; layout is Prettier's job. Type-aware rules run on TypeScript sources
// through the tsconfig projects.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const tsProjects = [
  './server/src/service/tsconfig.json',
  './server/src/tsconfig.json',
  './server/src/browser/tsconfig.json',
  './client/src/cluster/model/tsconfig.json',
  './client/src/cluster/picture/model/tsconfig.json',
  './client/src/cluster/picture/webview/tsconfig.json',
  './client/src/tsconfig.json',
  './client/src/web/tsconfig.json',
  './test/tsconfig.json',
  './test/e2e/tsconfig.json',
  './test/e2e-web/tsconfig.json',
  './bench/tsconfig.json',
];

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'node_modules/', 'cluster/', '.cache/', 'test-results/', '.vscode-test/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      parserOptions: { project: tsProjects, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          // node:test's describe/it return promises the runner itself tracks.
          allowForKnownSafeCalls: [
            {
              from: 'package',
              package: 'node:test',
              name: ['describe', 'it', 'test', 'suite', 'before', 'after'],
            },
          ],
        },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: 'error',
      curly: ['error', 'multi-line'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', Buffer: 'readonly', URL: 'readonly' },
    },
  },
  {
    // stdout is the protocol stream under --stdio; server code logs through connection.console.
    files: ['server/src/**/*.ts'],
    rules: { 'no-console': 'error' },
  },
  {
    // The web build bundles the shared server wiring and client code for a browser: only the
    // Node entries may import the Node transports (server.ts, lsp/connection.ts, the Node
    // client); everything else uses the transport-independent `vscode-languageserver` and
    // `vscode-languageclient` entries (test/unit/webBundles.test.ts builds the web bundles).
    files: ['server/src/lsp/**/*.ts', 'client/src/**/*.ts'],
    ignores: ['server/src/lsp/connection.ts', 'client/src/languageClient.ts', 'client/src/extension.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['vscode-languageserver/node', 'vscode-languageclient/node'],
              message: 'Shared by the web build: import the transport-independent entry instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // The pure service: no editor, no LSP runtime, no Node built-ins (the compiler guards this
    // too, through the service tsconfig's empty `types` and `paths` mapping).
    files: ['server/src/service/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', 'fs', 'path'].map((name) => ({
            name,
            message: 'The service is pure: no editor or I/O.',
          })),
          patterns: [
            {
              // vscode-languageserver-types and -textdocument stay allowed: they are plain data and
              // string utilities with no runtime behind them.
              group: [
                'vscode-languageserver',
                'vscode-languageserver/*',
                'vscode-languageserver-protocol*',
                'vscode-languageclient*',
                'vscode-jsonrpc*',
                'node:*',
              ],
              message: 'The service is pure: no LSP runtime or Node built-ins.',
            },
          ],
        },
      ],
    },
  },
  {
    // The cluster view's pure model: no editor, no Node, no Kubernetes client (its tsconfig
    // guards the same boundary), so unit tests load it without VS Code or a cluster.
    files: ['client/src/cluster/model/**/*.ts', 'client/src/cluster/picture/model/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: ['vscode', '@kubernetes/client-node', 'fs', 'path'].map((name) => ({
            name,
            message: 'The cluster model is pure: no editor, network or I/O.',
          })),
          patterns: [{ group: ['node:*'], message: 'The cluster model is pure: no Node built-ins.' }],
        },
      ],
    },
  },
);
