#!/usr/bin/env bash
# Tests against a real control plane: builds (or reuses) etcd, kube-apiserver and
# kube-controller-manager from the official Go modules, starts them on loopback, and runs the
# validation-fidelity suite for that version. K8S_VERSION selects the version (default 1.37.2;
# `K8S_VERSION=1.35.4` for the release before strict IP validation). The cluster is stopped at
# the end unless it was already running (a developer's `npm run cluster:up` stays up).
set -euo pipefail
cd "$(dirname "$0")/.."
source cluster/lib.sh

minor="$(echo "$ES_VERSION" | cut -d. -f1,2)"
was_running=0
[ "$(es_curl /readyz 2>/dev/null || true)" = "ok" ] && was_running=1

started=$(date +%s)
bash cluster/build.sh >&2
echo "control-plane binaries for v$ES_VERSION ready in $(( $(date +%s) - started ))s"

started=$(date +%s)
kubeconfig="$(bash cluster/up.sh)"
echo "control plane v$ES_VERSION up in $(( $(date +%s) - started ))s ($kubeconfig)"
if [ "$was_running" = 0 ] && [ "${ENDPOINTSLICES_KEEP_CLUSTER:-}" != "1" ]; then
  trap 'bash cluster/down.sh >/dev/null 2>&1 || true' EXIT
fi

# Make sure the compiled suite is there when this script runs alone.
[ -f out/test/cluster/fidelity.js ] || npx tsc -b
node out/test/cluster/fidelity.js --version "$minor" --server-version "$ES_VERSION" --kubeconfig "$kubeconfig" \
  --dryrun "$ES_BIN/dryrun"

# The Endpoints -> EndpointSlice conversion: every slice it writes must be accepted as is.
KUBECONFIG="$kubeconfig" ENDPOINTSLICES_DRYRUN="$ES_BIN/dryrun" node --test out/test/cluster/migration.test.js

# The cluster view (client/src/cluster) on the seeded demo: live changes, the restricted user,
# failures, the audit log; and an apiserver restart mid-watch on a private cluster of its own.
seed_log="$(bash cluster/seed.sh 2>&1)" || { echo "$seed_log"; exit 1; }
KUBECONFIG="$kubeconfig" node --test out/test/cluster/clusterPanel.test.js out/test/cluster/clusterRestart.test.js

# The control plane itself, in a private state dir and ports: seed, RBAC, dry-run, audit log.
bash cluster/smoke.sh
