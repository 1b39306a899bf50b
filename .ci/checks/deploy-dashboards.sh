#!/usr/bin/env bash
# Grafana dashboards are valid JSON with a uid and panels; their queries are checked in tests/QualityStream.Deploy.Tests.
set -euo pipefail
cd "$(dirname "$0")/../.."
shopt -s nullglob
files=(dashboards/*.json)
((${#files[@]} >= 2)) || { echo "expected the morning review and buyer drill-down dashboards in dashboards/" >&2; exit 1; }
for f in "${files[@]}"; do
  python3 - "$f" <<'PY'
import json, sys
path = sys.argv[1]
with open(path, encoding="utf-8") as f:
    d = json.load(f)
assert d.get("uid") and d.get("title"), f"{path}: needs uid and title"
assert d.get("panels"), f"{path}: has no panels"
print(f"{path}: {d['title']}, {len(d['panels'])} panels")
PY
done
