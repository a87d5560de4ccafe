#!/usr/bin/env bash
# Create the demo workload (see cluster/go/cmd/seed/main.go for the list) in the
# running local cluster and wait until the controllers produced its
# EndpointSlices. Idempotent. Extra flags go to the seed program, e.g.
#   cluster/seed.sh -large-replicas 150
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
[ -x "$ES_BIN/seed" ] || K8S_VERSION="$ES_VERSION" bash "$ES_ROOT/build.sh" >&2
exec "$ES_BIN/seed" -kubeconfig "$ES_KUBECONFIG" "$@"
