#!/usr/bin/env bash
# `npm start`: builds and packages the extension, then opens it in a real VS Code (code-server,
# installed into the cache on first use) on the sample manifests, in the foreground until Ctrl-C.
# A second run reuses the installed code-server, its settings and the build's incremental state.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

# The local cluster for the side panel. Starting cluster/up.sh with the demo seed and exporting
# its KUBECONFIG belongs here (code-server, and so the extension, inherits the environment);
# stop_cluster undoes it when npm start ends, Ctrl-C included.
start_cluster() {
  :
}
stop_cluster() {
  :
}

step "build (tsc -b, esbuild) and package dist/endpointslices.vsix"
npx tsc -b
node scripts/bundle.mjs > /dev/null
npm run -s package > /dev/null

step "local cluster"
trap stop_cluster EXIT
start_cluster

step "code-server"
node scripts/start-code-server.mjs
