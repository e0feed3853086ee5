#!/usr/bin/env bash
# Installs Debian's chromium for the browser tests (tests/test_browser.py) when /usr/bin/chromium is
# missing. Playwright drives this browser; it never downloads one of its own.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "install-chromium: /usr/bin/chromium is missing and apt-get is not available;" \
    "install Chromium yourself (the browser tests are skipped without it)" >&2
  exit 0
fi
sudo=()
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-chromium: not root and no sudo; install Debian's chromium package yourself" >&2
    exit 0
  fi
fi
export DEBIAN_FRONTEND=noninteractive
lock=(-o DPkg::Lock::Timeout=600)
echo "install-chromium: installing Debian chromium (apt-get)"
"${sudo[@]}" apt-get "${lock[@]}" -qq update >/dev/null
"${sudo[@]}" apt-get "${lock[@]}" -qq -y --no-install-recommends install chromium >/dev/null
/usr/bin/chromium --version
