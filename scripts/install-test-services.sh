#!/usr/bin/env bash
# Placeholder: installs Debian's chromium and postgresql for the browser and PostgreSQL tests.
exit 0
