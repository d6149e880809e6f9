#!/usr/bin/env bash
# Runs Debian's Janus (1.1.2) the way Mosaic needs it, from a configuration written into a folder of the
# caller's (docs/sfu.md, "Running Janus next to Mosaic"): VideoRoom only, its WebSocket API for Mosaic's
# server, ICE on one network interface, an admin_key so that only Mosaic creates rooms.
# `./mosaic demo --sfu` and `./mosaic bench sfu` start it; a deployment can use it as a starting point.
#
#   MOSAIC_JANUS_ADMIN_KEY=... run-janus.sh CONFIG_DIR ICE_INTERFACE WS_IP WS_PORT [RTP_PORTS]
#
# It writes CONFIG_DIR/*.jcfg, then replaces itself with janus (same PID: stop it with SIGTERM to that PID).
# Janus never gathers ICE candidates on loopback: ICE_INTERFACE must be a real interface (or a veth in a
# network namespace, which is what the demo and the benchmark use).
set -euo pipefail
if [ $# -lt 4 ] || [ -z "${MOSAIC_JANUS_ADMIN_KEY:-}" ]; then
  echo "usage: MOSAIC_JANUS_ADMIN_KEY=... $0 CONFIG_DIR ICE_INTERFACE WS_IP WS_PORT [RTP_PORTS]" >&2
  exit 2
fi
dir=$1 iface=$2 ws_ip=$3 ws_port=$4 rtp_ports=${5:-20000-20999}
modules=/usr/lib/x86_64-linux-gnu/janus
if [ ! -x /usr/bin/janus ]; then
  echo "run-janus: /usr/bin/janus is missing: apt-get install janus" >&2
  exit 1
fi
mkdir -p "$dir"
# Every plugin and transport but VideoRoom and WebSockets is off: less to start, less to expose.
plugins="libjanus_audiobridge.so,libjanus_duktape.so,libjanus_echotest.so,libjanus_lua.so,libjanus_nosip.so,libjanus_recordplay.so,libjanus_sip.so,libjanus_streaming.so,libjanus_textroom.so,libjanus_videocall.so,libjanus_voicemail.so"
transports="libjanus_http.so,libjanus_mqtt.so,libjanus_nanomsg.so,libjanus_pfunix.so,libjanus_rabbitmq.so"
# The admin API is off (no admin transport), but Janus wants a secret all the same: a random one.
admin_secret=$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')
cat > "$dir/janus.jcfg" <<CFG
general: {
  configs_folder = "$dir"
  plugins_folder = "$modules/plugins"
  transports_folder = "$modules/transports"
  events_folder = "$modules/events"
  loggers_folder = "$modules/loggers"
  debug_level = 4
  session_timeout = 60
  admin_secret = "$admin_secret"
}
media: { rtp_port_range = "$rtp_ports" }
nat: { ice_enforce_list = "$iface" }
plugins: { disable = "$plugins" }
transports: { disable = "$transports" }
loggers: { disable = "libjanus_jsonlog.so" }
events: { broadcast = false }
CFG
cat > "$dir/janus.transport.websockets.jcfg" <<CFG
general: { ws = true, ws_port = $ws_port, ws_ip = "$ws_ip", wss = false }
admin: { admin_ws = false }
CFG
# Once admin_key is set, creating a VideoRoom room needs it: only Mosaic's server can.
cat > "$dir/janus.plugin.videoroom.jcfg" <<CFG
general: { admin_key = "$MOSAIC_JANUS_ADMIN_KEY" }
CFG
chmod 600 "$dir"/*.jcfg
exec /usr/bin/janus -F "$dir" -C "$dir/janus.jcfg" -o
