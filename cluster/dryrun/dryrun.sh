#!/usr/bin/env bash
# Server-side dry-run of manifests against the local cluster, one JSON line per
# YAML document (format: cluster/dryrun/README.md).
#   cluster/dryrun/dryrun.sh DIR_OR_FILE...            uses the admin kubeconfig
#   cluster/dryrun/dryrun.sh -kubeconfig K -body yaml DIR
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"
[ -x "$ES_BIN/dryrun" ] || K8S_VERSION="$ES_VERSION" bash "$ES_ROOT/build.sh" >&2
args=("$@")
case " $* " in
  *" -kubeconfig "*|*" --kubeconfig "*|*" -kubeconfig="*|*" --kubeconfig="*) ;;
  *) args=(-kubeconfig "$ES_KUBECONFIG" "${args[@]}") ;;
esac
exec "$ES_BIN/dryrun" "${args[@]}"
