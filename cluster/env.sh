#!/usr/bin/env bash
# Print shell exports for the local cluster:  eval "$(cluster/env.sh)"
# KUBECONFIG is the admin one; the others are for tests (restricted user,
# audit log to assert on, directory with etcd/kube-*/fakelet/dryrun binaries).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cat <<EOT
export KUBECONFIG=$ES_KUBECONFIG
export ENDPOINTSLICES_RESTRICTED_KUBECONFIG=$ES_RESTRICTED_KUBECONFIG
export ENDPOINTSLICES_AUDIT_LOG=$ES_AUDIT_LOG
export ENDPOINTSLICES_CLUSTER_DIR=$ES_STATE
export ENDPOINTSLICES_BIN=$ES_BIN
export ENDPOINTSLICES_K8S_VERSION=$ES_VERSION
EOT
