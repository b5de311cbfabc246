#!/usr/bin/env bash
# Starts or stops a private Docker engine for the tests: its own socket, data
# root and exec root under one folder, vfs storage, no iptables, no bridge.
# Usage: scripts/engine.sh start|stop|env [DIR]   (DIR default /tmp/dockaudit-engine)
# Everything an engine writes is under DIR (socket, data root, exec root with
# its containerd, pidfile, log), so several engines run at once in separate
# folders (tests/fleet_cli.rs starts three); `stop` ends only DIR's.
# `start` installs Debian's docker.io and busybox-static when missing, starts
# dockerd, waits for it, and imports the busybox test image
# (dockaudit-test/busybox:1). `env` prints the DOCKER_HOST line to eval.
set -euo pipefail
cmd=${1:-}
dir=${2:-${DOCKAUDIT_ENGINE_DIR:-/tmp/dockaudit-engine}}
sock="$dir/docker.sock"
export DOCKER_HOST="unix://$sock"

install_packages() {
  local need=()
  command -v dockerd >/dev/null 2>&1 || need+=(docker.io)
  [ -x /bin/busybox ] || need+=(busybox-static)
  if [ ${#need[@]} -gt 0 ]; then
    echo "engine.sh: installing ${need[*]}" >&2
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}" >/dev/null
  fi
}

docker_cli() {
  # The docker client of the engine package, or any on PATH.
  if [ -x /usr/bin/docker ]; then /usr/bin/docker "$@"; else docker "$@"; fi
}

case "$cmd" in
  start)
    install_packages
    mkdir -p "$dir/data" "$dir/exec"
    if [ -S "$sock" ] && docker_cli version >/dev/null 2>&1; then
      echo "engine.sh: engine already running at $sock" >&2
    else
      [ -f "$dir/daemon.json" ] || echo '{}' > "$dir/daemon.json"
      nohup dockerd \
        --host "unix://$sock" \
        --data-root "$dir/data" \
        --exec-root "$dir/exec" \
        --pidfile "$dir/dockerd.pid" \
        --config-file "$dir/daemon.json" \
        --storage-driver=vfs \
        --iptables=false --ip6tables=false --bridge=none \
        --containerd-namespace dockaudit-test --containerd-plugins-namespace dockaudit-test-plugins \
        >"$dir/dockerd.log" 2>&1 &
      for _ in $(seq 1 120); do
        if docker_cli version >/dev/null 2>&1; then break; fi
        sleep 0.5
      done
      if ! docker_cli version >/dev/null 2>&1; then
        echo "engine.sh: dockerd did not come up; its log:" >&2
        tail -n 40 "$dir/dockerd.log" >&2
        exit 1
      fi
    fi
    if ! docker_cli image inspect dockaudit-test/busybox:1 >/dev/null 2>&1; then
      root=$(mktemp -d)
      chmod 755 "$root"
      mkdir -p "$root/bin" "$root/etc" "$root/tmp" "$root/root" "$root/home/app"
      chmod 1777 "$root/tmp"; chown 1000:1000 "$root/home/app"
      cp /bin/busybox "$root/bin/busybox"
      for a in sh ls cat id sleep echo true false ps env top chmod mkdir rm cp sed grep; do
        ln -s busybox "$root/bin/$a"
      done
      printf 'root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:app:/home/app:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n' > "$root/etc/passwd"
      printf 'root:x:0:\napp:x:1000:\nnogroup:x:65534:\n' > "$root/etc/group"
      tar -C "$root" -cf - . | docker_cli import \
        --change 'CMD ["/bin/sh"]' --change 'ENV PATH=/bin' - dockaudit-test/busybox:1 >/dev/null
      rm -rf "$root"
    fi
    echo "export DOCKER_HOST=unix://$sock"
    ;;
  stop)
    if [ -f "$dir/dockerd.pid" ]; then
      pid=$(cat "$dir/dockerd.pid")
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
    fi
    # dockerd started its own containerd; leave nothing behind.
    pkill -f "containerd --config $dir/exec" 2>/dev/null || true
    pkill -f "$dir/exec/containerd" 2>/dev/null || true
    ;;
  env)
    echo "export DOCKER_HOST=unix://$sock"
    ;;
  *)
    echo "usage: $0 start|stop|env [DIR]" >&2
    exit 2
    ;;
esac
