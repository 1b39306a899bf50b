#!/usr/bin/env bash
# YAML style and syntax of the deployment files, with the committed .yamllint.
set -euo pipefail
cd "$(dirname "$0")/../.."
yamllint --strict -c .yamllint deploy k8s docker-compose.yml .yamllint
