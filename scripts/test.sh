#!/usr/bin/env bash
# The project's test command (CI runs exactly this through .ci/run):
# starts the private engine, a private PostgreSQL cluster (the history
# tests' second backend) and a private registry (the registry tests), then
# cargo fmt --check, clippy with warnings as errors, every test (the end-to-end
# ones against that engine), the check docs' freshness, that the fuzz targets
# compile and run a few seconds each (when cargo-fuzz is installed), and stops
# the engine (when this script started it), the cluster and the registry.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f "$HOME/.cargo/env" ] && . "$HOME/.cargo/env"
# A fresh checkout gains nothing from incremental state (2.5 GB of it).
if [ "${CI:-}" = true ]; then export CARGO_INCREMENTAL=0; fi

dir=${DOCKAUDIT_ENGINE_DIR:-/tmp/dockaudit-engine}
docker_cli() { if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi; }
started_here=0
if ! { [ -S "$dir/docker.sock" ] && DOCKER_HOST="unix://$dir/docker.sock" docker_cli version >/dev/null 2>&1; }; then
  started_here=1
fi
pg_dir=${DOCKAUDIT_PG_DIR:-$(mktemp -d /tmp/dockaudit-pg.XXXXXX)}
reg_dir=${DOCKAUDIT_REGISTRY_DIR:-$(mktemp -d /tmp/dockaudit-registry.XXXXXX)}
stop_services() {
  bash scripts/registry.sh stop "$reg_dir" || true
  if [ -z "${DOCKAUDIT_REGISTRY_DIR:-}" ]; then rm -rf "$reg_dir"; fi
  bash scripts/postgres.sh stop "$pg_dir" || true
  if [ -z "${DOCKAUDIT_PG_DIR:-}" ]; then rm -rf "$pg_dir"; fi
  if [ "$started_here" = 1 ]; then bash scripts/engine.sh stop "$dir" || true; fi
}
trap stop_services EXIT
bash scripts/engine.sh start "$dir" >/dev/null
export DOCKAUDIT_E2E_DOCKER_HOST="unix://$dir/docker.sock"
DOCKAUDIT_TEST_POSTGRES_URL=$(bash scripts/postgres.sh start "$pg_dir")
export DOCKAUDIT_TEST_POSTGRES_URL
echo "== PostgreSQL for the history tests: $DOCKAUDIT_TEST_POSTGRES_URL"
DOCKAUDIT_TEST_REGISTRY=$(bash scripts/registry.sh start "$reg_dir" | tail -1)
export DOCKAUDIT_TEST_REGISTRY
echo "== registry for the registry tests: $DOCKAUDIT_TEST_REGISTRY"

echo "== cargo fmt --check"
cargo fmt --check
echo "== cargo clippy --all-targets -- -D warnings"
cargo clippy --all-targets -- -D warnings
echo "== cargo test (end to end against $DOCKAUDIT_E2E_DOCKER_HOST)"
cargo test --no-fail-fast
echo "== dockaudit docs --check"
# The binary the tests just built: `cargo run` would build the library once
# more, with the features of the build rather than the test dependencies.
"${CARGO_TARGET_DIR:-target}/debug/dockaudit" docs --check
echo "== fuzz targets compile (cargo check in fuzz/)"
(cd fuzz && cargo check --bins -q)
if cargo fuzz --version >/dev/null 2>&1; then
  echo "== fuzz smoke: every target over its committed corpus, then 5 s of fuzzing"
  bash scripts/fuzz.sh smoke
else
  echo "== fuzz smoke skipped: cargo-fuzz is not installed (cargo install cargo-fuzz --locked)"
fi
echo "== all tests passed"
