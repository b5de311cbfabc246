#!/usr/bin/env bash
# The main job on a fresh machine: starts the private engine, creates a few
# demo containers (one privileged, one plain, one hardened), builds the
# release binary and audits the engine with `dockaudit host`. Removes the
# demo containers at the end, and stops the engine when it started it.
# Extra arguments go to `dockaudit host` (e.g. --format json).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"

dir=${DOCKAUDIT_ENGINE_DIR:-/tmp/dockaudit-engine}
export DOCKER_HOST="unix://$dir/docker.sock"
docker_cli() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi; }
started_here=0
if ! { [ -S "$dir/docker.sock" ] && docker_cli version >/dev/null 2>&1; }; then started_here=1; fi
names=(dockaudit-demo-privileged dockaudit-demo-plain dockaudit-demo-hardened)
cleanup() {
  docker_cli rm -f "${names[@]}" >/dev/null 2>&1 || true
  if [ "$started_here" = 1 ]; then bash scripts/engine.sh stop "$dir" || true; fi
}
trap cleanup EXIT
bash scripts/engine.sh start "$dir" >/dev/null
docker_cli rm -f "${names[@]}" >/dev/null 2>&1 || true

img=dockaudit-test/busybox:1
# Privileged: created only (this sandbox may refuse to start it).
docker_cli create --name dockaudit-demo-privileged --network none --privileged "$img" sleep 3600 >/dev/null
docker_cli run -d --name dockaudit-demo-plain --network none "$img" sleep 3600 >/dev/null
docker_cli run -d --name dockaudit-demo-hardened --network none --user 1000:1000 \
  --read-only --cap-drop ALL --security-opt no-new-privileges \
  --memory 64m --cpus 0.5 --pids-limit 50 "$img" sleep 3600 >/dev/null

cargo build --release -q
echo "== dockaudit host (DOCKER_HOST=$DOCKER_HOST)"
set +e
./target/release/dockaudit host "$@"
code=$?
set -e
echo "== dockaudit exited $code (0 clean, 1 findings, 2 could not run)"
[ "$code" -le 1 ]
