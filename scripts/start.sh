#!/usr/bin/env bash
# `npm start`: builds and packages the extension, then opens it in a real VS Code (code-server,
# installed into the cache on first use) on the sample manifests, in the foreground until Ctrl-C.
# A second run reuses the installed code-server, its settings and the build's incremental state.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n=== %s\n' "$*"; }

# The local cluster for the side panel: cluster/up.sh (it builds the binaries on first use), the
# demo seed, and KUBECONFIG naming both of its users, so the panel shows the admin context and the
# namespace-restricted one side by side (code-server, and so the extension, inherits the
# environment). A cluster that was already up stays up; one started here stops when npm start
# ends, Ctrl-C included. ENDPOINTSLICES_SKIP_CLUSTER=1 starts none; a cluster that fails to start
# leaves the editor features working and the panel saying what is wrong.
started_cluster=0
start_cluster() {
  if [ "${ENDPOINTSLICES_SKIP_CLUSTER:-}" = "1" ]; then
    echo "skipped (ENDPOINTSLICES_SKIP_CLUSTER=1)"
    return
  fi
  source cluster/lib.sh
  [ "$(es_curl /readyz 2>/dev/null || true)" = "ok" ] || started_cluster=1
  local admin
  if ! admin="$(bash cluster/up.sh)" || ! bash cluster/seed.sh; then
    echo "the local cluster did not start (see above); continuing without it"
    return
  fi
  export KUBECONFIG="$admin:$ES_RESTRICTED_KUBECONFIG"
}
stop_cluster() {
  if [ "$started_cluster" = 1 ] && [ "${ENDPOINTSLICES_KEEP_CLUSTER:-}" != "1" ]; then
    echo "stopping the local cluster (ENDPOINTSLICES_KEEP_CLUSTER=1 keeps it)"
    bash cluster/down.sh > /dev/null 2>&1 || true
  fi
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
