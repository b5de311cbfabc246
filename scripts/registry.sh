#!/usr/bin/env bash
# Starts or stops a private image registry for the tests (Debian's
# docker-registry, the distribution project's registry): its own config,
# storage folder, log and pid file under one folder, listening on loopback.
# Usage: scripts/registry.sh start|stop|addr [DIR]
#   (DIR default /tmp/dockaudit-registry)
# `start` installs docker-registry when missing, writes DIR/config.yml,
# starts the registry, waits until it answers GET /v2/ and prints its
# address (127.0.0.1:PORT) on the last line, the value of
# DOCKAUDIT_TEST_REGISTRY. Environment:
#   PORT      the port (default 55050)
#   TLS_CERT, TLS_KEY  serve HTTPS with this certificate and key
#   HTPASSWD  require basic authentication against this htpasswd file
#             (bcrypt lines: `htpasswd -Bbn USER PASSWORD`)
set -euo pipefail
cmd=${1:-}
dir=${2:-${DOCKAUDIT_REGISTRY_DIR:-/tmp/dockaudit-registry}}
port=${PORT:-55050}
addr="127.0.0.1:$port"

install_packages() {
  if ! [ -x /usr/bin/docker-registry ]; then
    echo "registry.sh: installing docker-registry" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-registry >/dev/null
  fi
}

case "$cmd" in
  start)
    install_packages
    mkdir -p "$dir/storage"
    if [ -f "$dir/registry.pid" ] && kill -0 "$(cat "$dir/registry.pid")" 2>/dev/null; then
      echo "registry.sh: already running in $dir" >&2
      cat "$dir/addr"
      exit 0
    fi
    {
      echo "version: 0.1"
      echo "log:"
      echo "  level: warn"
      echo "storage:"
      echo "  filesystem:"
      echo "    rootdirectory: $dir/storage"
      echo "  delete:"
      echo "    enabled: true"
      echo "http:"
      echo "  addr: $addr"
      if [ -n "${TLS_CERT:-}" ]; then
        echo "  tls:"
        echo "    certificate: $TLS_CERT"
        echo "    key: $TLS_KEY"
      fi
      if [ -n "${HTPASSWD:-}" ]; then
        echo "auth:"
        echo "  htpasswd:"
        echo "    realm: dockaudit-test"
        echo "    path: $HTPASSWD"
      fi
    } >"$dir/config.yml"
    nohup /usr/bin/docker-registry serve "$dir/config.yml" >"$dir/registry.log" 2>&1 &
    echo $! >"$dir/registry.pid"
    echo "$addr" >"$dir/addr"
    scheme=http
    [ -n "${TLS_CERT:-}" ] && scheme=https
    for _ in $(seq 1 100); do
      # 200, or 401 behind htpasswd: either way it answers.
      code=$(curl -sk -o /dev/null -w '%{http_code}' "$scheme://$addr/v2/" 2>/dev/null || true)
      case "$code" in 200|401) break ;; esac
      sleep 0.1
    done
    case "${code:-}" in
      200|401) ;;
      *)
        echo "registry.sh: the registry did not answer on $addr; its log:" >&2
        tail -n 20 "$dir/registry.log" >&2
        exit 1
        ;;
    esac
    echo "$addr"
    ;;
  stop)
    if [ -f "$dir/registry.pid" ]; then
      pid=$(cat "$dir/registry.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
      rm -f "$dir/registry.pid"
    fi
    ;;
  addr)
    cat "$dir/addr"
    ;;
  *)
    echo "usage: $0 start|stop|addr [DIR]" >&2
    exit 2
    ;;
esac
