#!/usr/bin/env bash
# Kubernetes: the base and the autoscaling overlay render offline with kubectl's kustomize.
# Strict schema checks of what they render run in tests/QualityStream.Deploy.Tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
for dir in k8s k8s/autoscaling; do
  # kustomize warns on stderr about the deprecated fields kept for old kubectl (see k8s/kustomization.yaml).
  out="$(kubectl kustomize "$dir" 2>/dev/null)" || { kubectl kustomize "$dir" >/dev/null; exit 1; }
  kinds="$(grep -c '^kind:' <<<"$out")"
  echo "kubectl kustomize $dir: $kinds objects"
  ((kinds > 0))
done
