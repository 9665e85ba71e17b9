#!/usr/bin/env bash
# Machine packages the test suite drives, installed only when missing (apt-get works as root here):
# Debian's AWS CLI v2 (`/usr/bin/aws`: has `logs tail`, speaks the query protocol to SQS),
# python3 for Python handlers, and PostgreSQL 15's server binaries (the postgres engine tests start
# a throwaway cluster from them), and Chromium for the browser tests (driven by playwright-core, which
# never downloads a browser of its own). The pip CLI v1 and boto3 are already on these machines.
set -euo pipefail
missing=()
[ -x /usr/bin/aws ] || missing+=(awscli)
command -v python3 >/dev/null || missing+=(python3)
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then echo "install-test-tools: need root to install: ${missing[*]}" >&2; exit 1; fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
