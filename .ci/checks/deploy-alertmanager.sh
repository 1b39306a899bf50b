#!/usr/bin/env bash
# Alertmanager (docker-compose): the config is valid for amtool. Where each kind of alert is routed is tested in
# tests/QualityStream.Deploy.Tests (ComposeAlertingTests).
set -euo pipefail
cd "$(dirname "$0")/../.."
amtool check-config deploy/alertmanager/alertmanager.yml
