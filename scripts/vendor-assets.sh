#!/usr/bin/env bash
# Fetches the web pages' third-party static assets from the npm registry into
# src/conflictlens/web/static/vendor/ (gitignored). Each package is pinned by version and by the
# sha512 integrity the registry publishes; a tarball that does not match is refused.
#
#   leaflet 1.9.4 (BSD-2-Clause)              the map
#   leaflet.markercluster 1.5.3 (MIT)         clusters of markers when dense
#   topojson-client 3.1.0 (ISC)               TopoJSON -> GeoJSON in the browser
#   world-atlas 2.0.2 (ISC; Natural Earth, public domain)   low-detail country outlines
#
# Quick and offline when everything is already there (a stamp file records the pins); when npm or
# the registry is unreachable and the files are present, it warns and succeeds.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="$(cd "$here/.." && pwd)/src/conflictlens/web/static/vendor"

# name version sha512-integrity "tarball-path:dest-path ..."
PACKAGES=(
  "leaflet 1.9.4 sha512-nxS1ynzJOmOlHp+iL3FyWqK89GtNL8U8rvlMOsQdTTssxZwCXh8N2NB3GDQOL+YR3XnWyZAxwQixURb+FA74PA== package/dist/leaflet.js:leaflet/leaflet.js package/dist/leaflet.css:leaflet/leaflet.css package/dist/images:leaflet/images package/LICENSE:leaflet/LICENSE"
  "leaflet.markercluster 1.5.3 sha512-vPTw/Bndq7eQHjLBVlWpnGeLa3t+3zGiuM7fJwCkiMFq+nmRuG3RI3f7f4N4TDX7T4NpbAXpR2+NTRSEGfCSeA== package/dist/leaflet.markercluster.js:markercluster/leaflet.markercluster.js package/dist/MarkerCluster.css:markercluster/MarkerCluster.css package/dist/MarkerCluster.Default.css:markercluster/MarkerCluster.Default.css package/MIT-LICENCE.txt:markercluster/LICENSE"
  "topojson-client 3.1.0 sha512-605uxS6bcYxGXw9qi62XyrV6Q3xwbndjachmNxu8HWTtVPxZfEJN9fd/SZS1Q54Sn2y0TMyMxFj/cJINqGHrKw== package/dist/topojson-client.min.js:topojson/topojson-client.min.js package/LICENSE:topojson/LICENSE"
  "world-atlas 2.0.2 sha512-IXfV0qwlKXpckz1FhwXVwKRjiIhOnWttOskm5CtxMsjgE/MXAYRHWJqgXOpM8IkcPBoXnyTU5lFHcYa5ChG0LQ== package/countries-110m.json:world-atlas/countries-110m.json package/LICENSE:world-atlas/LICENSE"
)

stamp="$dest/.pins"
want_stamp="$(printf '%s\n' "${PACKAGES[@]}" | awk '{print $1, $2, $3}')"

all_present() {
  local spec item
  for spec in "${PACKAGES[@]}"; do
    read -r -a parts <<<"$spec"
    for item in "${parts[@]:3}"; do
      [ -e "$dest/${item#*:}" ] || return 1
    done
  done
}

if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want_stamp" ] && all_present; then
  echo "vendor-assets: up to date ($dest)"
  exit 0
fi

if ! command -v npm >/dev/null 2>&1; then
  if all_present; then
    echo "vendor-assets: warning: npm not found; keeping the assets already in $dest" >&2
    exit 0
  fi
  echo "vendor-assets: npm is needed to fetch the web assets (Node.js 18+); the map will not work without them" >&2
  exit 1
fi

PYTHON="${PYTHON:-python3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

integrity_of() {  # sha512 integrity string of a file, as npm writes it
  "$PYTHON" -c 'import base64, hashlib, sys
print("sha512-" + base64.b64encode(hashlib.sha512(open(sys.argv[1], "rb").read()).digest()).decode())' "$1"
}

staged="$work/vendor"
mkdir -p "$staged"
for spec in "${PACKAGES[@]}"; do
  read -r -a parts <<<"$spec"
  name="${parts[0]}" version="${parts[1]}" integrity="${parts[2]}"
  pkgdir="$work/$name"
  mkdir -p "$pkgdir"
  if ! (cd "$pkgdir" && npm pack --silent --ignore-scripts "$name@$version" >"$pkgdir/.name" 2>"$pkgdir/.err"); then
    reason="$(tail -n 1 "$pkgdir/.err")"
    if all_present; then
      echo "vendor-assets: warning: cannot fetch $name@$version (${reason:-npm pack failed});" \
        "keeping the assets already in $dest" >&2
      exit 0
    fi
    cat "$pkgdir/.err" >&2
    echo "vendor-assets: cannot fetch $name@$version from the npm registry" >&2
    exit 1
  fi
  tarball="$pkgdir/$(tail -n 1 "$pkgdir/.name")"
  got="$(integrity_of "$tarball")"
  if [ "$got" != "$integrity" ]; then
    echo "vendor-assets: $name@$version: integrity mismatch (expected $integrity, got $got); refusing it" >&2
    exit 1
  fi
  tar -xzf "$tarball" -C "$pkgdir"
  for item in "${parts[@]:3}"; do
    src="$pkgdir/${item%%:*}" dst="$staged/${item#*:}"
    mkdir -p "$(dirname "$dst")"
    cp -R "$src" "$dst"
  done
done

printf '%s\n' "$want_stamp" >"$staged/.pins"
rm -rf "$dest.new"
mkdir -p "$(dirname "$dest")"
cp -R "$staged" "$dest.new"
rm -rf "$dest"
mv "$dest.new" "$dest"
echo "vendor-assets: fetched ${#PACKAGES[@]} packages into $dest"
