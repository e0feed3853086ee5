#!/usr/bin/env bash
# Placeholder: fetches the web app's third-party static assets (issue 7). Filled in by the web work.
exit 0
