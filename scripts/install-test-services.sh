#!/usr/bin/env bash
# Installs what the slow tests need from Debian when it is missing: chromium (browser tests) and
# postgresql (store and API tests on PostgreSQL).
set -euo pipefail
here="$(dirname "${BASH_SOURCE[0]}")"
bash "$here/install-chromium.sh"
bash "$here/install-postgres.sh"
