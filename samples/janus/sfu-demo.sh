#!/usr/bin/env bash
# `./mosaic demo --sfu`: the demo server with rooms in `sfu` mode and a real Janus next to it, both started
# here and both stopped (by PID) on Ctrl-C. Expects the server jar built (./mosaic demo builds it).
#
#   sfu-demo.sh [--janus-interface IFACE] [server options...]
#
# Janus never gathers ICE candidates on loopback (docs/sfu.md), so by default it runs in a network
# namespace of its own, joined to this machine by a veth pair: browsers on this machine reach its media at
# 10.201.0.1 through the veth, Mosaic's server (on this machine, loopback) reaches its WebSocket API there
# too. That works on any machine, even one with only loopback, and needs root. With --janus-interface
# (e.g. eth0) Janus runs on this machine instead, with ICE on that interface, so browsers on the LAN can
# reach it (start the server with --host and --dev-on-network as well); that needs no root.
set -euo pipefail
cd "$(dirname "$0")/../.."
jar=sdk-server/target/mosaic-server.jar
here=samples/janus

iface=""
server_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --janus-interface) iface=${2:?--janus-interface needs an interface name}; shift 2 ;;
    --sfu) shift ;;
    *) server_args+=("$1"); shift ;;
  esac
done

ns=mosaic-demo
host_veth=mosaic-demo
ns_address=10.201.0.1
host_address=10.201.0.2
ws_port=8188
run_dir=$(mktemp -d /tmp/mosaic-demo-janus.XXXXXX)
janus_pid="" server_pid="" made_ns=false

stop() {
  trap - INT TERM EXIT
  # Mosaic first (it destroys its Janus rooms on the way out), then Janus; both by the PID started here.
  if [ -n "$server_pid" ]; then kill -TERM "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "$janus_pid" ]; then kill -TERM "$janus_pid" 2>/dev/null || true; wait "$janus_pid" 2>/dev/null || true; fi
  if [ "$made_ns" = true ]; then ip netns del "$ns" 2>/dev/null || true; fi # takes the veth pair with it
  rm -rf "$run_dir"
  echo "mosaic: demo stopped (server and Janus ended, namespace removed)"
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# A fresh admin key per run: only this demo's server can create rooms on this Janus.
export MOSAIC_JANUS_ADMIN_KEY
MOSAIC_JANUS_ADMIN_KEY=$(od -An -N32 -tx1 /dev/urandom | tr -d ' \n')

if [ -n "$iface" ]; then
  if ! ip -o -4 addr show dev "$iface" 2>/dev/null | grep -q inet; then
    echo "mosaic: --janus-interface $iface has no IPv4 address here (see ip -br addr)" >&2
    exit 2
  fi
  ws_ip=127.0.0.1
  "$here/run-janus.sh" "$run_dir/janus" "$iface" "$ws_ip" "$ws_port" >"$run_dir/janus.log" 2>&1 &
  janus_pid=$!
  media_note="Janus's media on $iface: browsers that reach this machine there can join (UDP 20000-20999)"
else
  if [ "$(id -u)" -ne 0 ]; then
    echo "mosaic: demo --sfu runs Janus in a network namespace (it never uses loopback), which needs root." >&2
    echo "        Run it as root, or give Janus a real interface instead: ./mosaic demo --sfu --janus-interface eth0" >&2
    exit 2
  fi
  if ip netns list | grep -qw "$ns"; then
    echo "mosaic: the namespace $ns exists already: another demo --sfu runs, or one was killed (ip netns del $ns)" >&2
    exit 2
  fi
  ip netns add "$ns"
  made_ns=true
  ip netns exec "$ns" ip link set lo up
  ip link add "$host_veth" type veth peer name v0 netns "$ns"
  ip addr add "$host_address/24" dev "$host_veth"
  ip link set "$host_veth" up
  ip netns exec "$ns" ip addr add "$ns_address/24" dev v0
  ip netns exec "$ns" ip link set v0 up
  ws_ip=$ns_address
  # `ip netns exec` execs run-janus.sh, which execs janus: this PID is Janus's.
  ip netns exec "$ns" "$here/run-janus.sh" "$run_dir/janus" v0 "$ws_ip" "$ws_port" >"$run_dir/janus.log" 2>&1 &
  janus_pid=$!
  media_note="Janus's media on $ns_address, in namespace $ns: reachable from browsers on this machine"
fi

# Janus listens about 4 s after it starts on a busy machine.
for _ in $(seq 1 300); do
  if ! kill -0 "$janus_pid" 2>/dev/null; then
    echo "mosaic: Janus exited; its log:" >&2
    cat "$run_dir/janus.log" >&2
    exit 1
  fi
  if (exec 3<>"/dev/tcp/$ws_ip/$ws_port") 2>/dev/null; then break; fi
  sleep 0.1
done
echo "mosaic: Janus runs (PID $janus_pid, WebSocket ws://$ws_ip:$ws_port); $media_note"

java -jar "$jar" --dev --media sfu --janus-url "ws://$ws_ip:$ws_port" "${server_args[@]}" &
server_pid=$!
# Whichever ends first ends the demo; Ctrl-C ends both.
wait -n "$server_pid" "$janus_pid" || true
if ! kill -0 "$janus_pid" 2>/dev/null; then
  echo "mosaic: Janus ended; the end of its log:" >&2
  tail -n 20 "$run_dir/janus.log" >&2
fi
