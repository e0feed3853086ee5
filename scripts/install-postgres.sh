#!/usr/bin/env bash
# Placeholder: installs Debian postgresql for the PostgreSQL tests (issue 8).
exit 0
