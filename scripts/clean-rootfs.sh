#!/usr/bin/env bash
# Builds a clean, real Debian 12 rootfs for the no-false-positive tests of
# the secrets detector: `debootstrap --variant=minbase bookworm` from this
# machine's own apt source, plus Python libraries installed with pip into
# its dist-packages. Prints nothing on success but the folder. Idempotent:
# an existing complete folder (marker file) is reused.
# Usage: scripts/clean-rootfs.sh DIR
set -euo pipefail
dir=${1:?usage: clean-rootfs.sh DIR}
if [ -f "$dir/.dockaudit-complete" ]; then echo "$dir"; exit 0; fi
uri=$(sed -n 's/^URIs: *//p' /etc/apt/sources.list.d/debian.sources 2>/dev/null | head -1)
if [ -z "$uri" ]; then
  uri=$(awk '$1 == "deb" {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
fi
[ -n "$uri" ] || { echo "no apt source URI found" >&2; exit 1; }
command -v debootstrap >/dev/null || apt-get install -y -qq debootstrap >/dev/null
rm -rf "$dir"
debootstrap --variant=minbase bookworm "$dir" "$uri" >"$dir.log" 2>&1 || {
  tail -20 "$dir.log" >&2; exit 1; }
python3 -m pip install --quiet --no-deps --only-binary=:all: --python-version 3.11 \
  --target "$dir/usr/lib/python3/dist-packages" \
  requests urllib3 idna certifi charset-normalizer PyYAML cryptography cffi pycparser \
  jinja2 markupsafe six >>"$dir.log" 2>&1 || { tail -20 "$dir.log" >&2; exit 1; }
touch "$dir/.dockaudit-complete"
echo "$dir"
