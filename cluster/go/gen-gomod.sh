#!/usr/bin/env bash
# Generate go.mod for a given Kubernetes version from go.mod.tmpl.
#
#   gen-gomod.sh <k8s-version, e.g. 1.37.2> <output dir>
#
# Reads k8s.io/kubernetes@v<version>'s own go.mod (fetched with the ordinary
# `go mod download`, i.e. through the Go module proxy) and copies from it:
#   * the `go` and `godebug` lines,
#   * every staging module it requires at v0.0.0 -> replace with v0.<minor>.<patch>,
#   * the go.etcd.io/etcd/server/v3 version.
# Afterwards run `go mod tidy` in the output dir to produce go.sum.
set -euo pipefail
ver="${1:?usage: gen-gomod.sh <k8s-version> <outdir>}"
out="${2:?usage: gen-gomod.sh <k8s-version> <outdir>}"
ver="${ver#v}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
staging="v0.${ver#*.}"   # 1.37.2 -> v0.37.2

# `go mod download` outside any module: run it from an empty temp dir so the
# caller's go.mod (possibly the one being regenerated) does not interfere.
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# A version the proxy does not serve fails here; say why (the proxy's answer is in the JSON's
# "Error"), or the build would stop without a word.
download="$(cd "$tmp" && GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v${ver}" 2>&1)" || true
upstream_mod="$(printf '%s\n' "$download" | sed -n 's/.*"GoMod": "\(.*\)",*/\1/p')"
if [ ! -f "$upstream_mod" ]; then
  why="$(printf '%s\n' "$download" | sed -n 's/.*"Error": "\(.*\)",*/\1/p' | sed 's/\\n\\t/: /g; s/\\n/ /g')"
  echo "gen-gomod: cannot fetch k8s.io/kubernetes@v${ver} from the Go module proxy: ${why:-$download}" >&2
  exit 1
fi

go_directive="$(awk '$1=="go"{print $2; exit}' "$upstream_mod")"
godebug_line="$(awk '$1=="godebug"{print; exit}' "$upstream_mod")"
etcd_version="$(awk '$1=="go.etcd.io/etcd/server/v3"{print $2; exit}' "$upstream_mod")"
[ -n "$etcd_version" ] || { echo "gen-gomod: no go.etcd.io/etcd/server/v3 in upstream go.mod" >&2; exit 1; }

# Only staging modules that are actually *required* (a few, such as
# k8s.io/sample-controller, are replaced upstream but not required and are not
# published on the proxy for every tag; replacing them would be dead weight).
replaces="$(awk -v v="$staging" '
  $2=="=>" && $3 ~ /^\.\/staging\// {staged[$1]=1}
  $2=="v0.0.0" {req[$1]=1}
  END {for (m in staged) if (m in req) printf "\t%s => %s %s\n", m, m, v}' "$upstream_mod" | sort)"

mkdir -p "$out"
awk -v k8s="$ver" -v god="$go_directive" -v gdl="$godebug_line" -v etcd="$etcd_version" -v reps="$replaces" '
  /@REPLACES@/ {print reps; next}
  {gsub(/@K8S_VERSION@/, k8s); gsub(/@GO_DIRECTIVE@/, god); gsub(/@GODEBUG_LINE@/, gdl); gsub(/@ETCD_VERSION@/, etcd); print}
' "$here/go.mod.tmpl" > "$out/go.mod"
echo "gen-gomod: wrote $out/go.mod (k8s v$ver, staging $staging, etcd $etcd_version, go $go_directive)" >&2
