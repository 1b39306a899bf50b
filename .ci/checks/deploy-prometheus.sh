#!/usr/bin/env bash
# Prometheus: rules and compose config are valid, every alert's unit test passes, and the k8s PrometheusRule
# is exactly what deploy/prometheus/generate-prometheusrule.sh makes from rules.yml (so the two cannot drift).
set -euo pipefail
cd "$(dirname "$0")/../.."
promtool check rules deploy/prometheus/rules.yml
promtool test rules deploy/prometheus/rules.test.yml
promtool check config deploy/prometheus/prometheus.yml
generated="$(mktemp)"
trap 'rm -f "$generated"' EXIT
deploy/prometheus/generate-prometheusrule.sh "$generated"
if ! diff -u k8s/base/prometheusrule.yaml "$generated"; then
  echo "k8s/base/prometheusrule.yaml is stale: run deploy/prometheus/generate-prometheusrule.sh" >&2
  exit 1
fi
promtool check rules <(sed -n '/^spec:/,$p' k8s/base/prometheusrule.yaml | tail -n +2 | sed 's/^  //')
