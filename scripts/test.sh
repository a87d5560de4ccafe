#!/usr/bin/env bash
# The whole suite, as `npm test` runs it locally and in CI. Each step says what failed and how to
# reproduce it alone. Steps that need a real cluster or a real VS Code set those up themselves.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

step "typecheck and compile (tsc -b)"
npx tsc -b

step "bundle (esbuild: dist/extension.js, dist/server.js, dist/cli.js)"
node scripts/bundle.mjs

step "lint (npm run lint) and format (npm run format:check)"
npx eslint . --max-warnings 0
npx prettier --check . > /dev/null || { npx prettier --check . ; exit 1; }

step "unit, server and CLI tests (node:test)"
node scripts/run-tests.mjs out/test/unit out/test/server out/test/cli

step "package the .vsix and check its contents"
npm run -s package > /dev/null
node scripts/check-vsix.mjs dist/endpointslices.vsix

if [ "${ENDPOINTSLICES_SKIP_CLUSTER:-}" != "1" ] && [ -x scripts/test-cluster.sh ]; then
  step "validation fidelity against a real kube-apiserver (scripts/test-cluster.sh)"
  bash scripts/test-cluster.sh
fi
