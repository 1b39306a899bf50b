#!/usr/bin/env bash
# docker-compose.yml is valid (schema, depends_on conditions, interpolation) without a Docker engine,
# and the files it mounts exist.
set -euo pipefail
cd "$(dirname "$0")/../.."
docker-compose -f docker-compose.yml config -q
for path in Dockerfile deploy/prometheus/prometheus.yml deploy/prometheus/rules.yml deploy/alertmanager/alertmanager.yml deploy/grafana/provisioning dashboards; do
  [[ -e "$path" ]] || { echo "docker-compose.yml needs $path" >&2; exit 1; }
done
echo "docker-compose.yml: valid"
