#!/usr/bin/env bash
# Placeholder: runs "$@" with a throwaway PostgreSQL server on loopback (issue 8).
exec "$@"
