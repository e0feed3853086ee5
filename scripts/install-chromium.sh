#!/usr/bin/env bash
# Placeholder: installs Debian chromium for the browser tests (issue 7).
exit 0
