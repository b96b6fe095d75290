#!/usr/bin/env bash
# Throwaway PostgreSQL and RabbitMQ for tests, on loopback, in temp folders the service users own.
#   ci/services.sh install        apt-get install postgresql and rabbitmq-server when missing (as root)
#   ci/services.sh start [DIR]    start both; prints export lines (DYAD_TEST_PG_URL, DYAD_TEST_AMQP_URL, DYAD_SERVICES_DIR)
#   ci/services.sh stop [DIR]     stop both and remove DIR (default: $DYAD_SERVICES_DIR)
# Ports come from DYAD_TEST_PG (default 5499) and DYAD_TEST_AMQP (default 5679). Use: eval "$(ci/services.sh start)".
set -euo pipefail

pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1; }
as_user() { local user=$1; shift; if [ "$(id -u)" = 0 ]; then runuser -u "$user" -- "$@"; else "$@"; fi; }

install() {
  local missing=()
  [ -n "$(pg_bin)" ] && [ -x "$(pg_bin)/initdb" ] || missing+=(postgresql)
  command -v rabbitmq-server >/dev/null 2>&1 || [ -x /usr/sbin/rabbitmq-server ] || missing+=(rabbitmq-server)
  [ ${#missing[@]} -eq 0 ] && { echo "services: postgresql and rabbitmq-server are installed" >&2; return 0; }
  echo "services: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # the packages try to start system instances, which fails without systemd; that is harmless
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 || true
  [ -x "$(pg_bin)/initdb" ] && [ -x /usr/sbin/rabbitmq-server ] || { echo "services: install failed" >&2; return 1; }
}

start() {
  local dir=${1:-$(mktemp -d /tmp/dyad-services-XXXXXX)}
  local pg_port=${DYAD_TEST_PG:-5499} amqp_port=${DYAD_TEST_AMQP:-5679}
  local node="dyad$$@localhost"
  mkdir -p "$dir/pg" "$dir/rabbit"
  chmod 755 "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres "$dir/pg"; chown rabbitmq:rabbitmq "$dir/rabbit"; fi
  local bin; bin=$(pg_bin)
  as_user postgres "$bin/initdb" -D "$dir/pg/data" -A trust -U dyad -E UTF8 --locale=C --no-sync >"$dir/pg-initdb.log" 2>&1
  as_user postgres "$bin/pg_ctl" -D "$dir/pg/data" -l "$dir/pg/log" -w start \
    -o "-k $dir/pg -p $pg_port -c listen_addresses=127.0.0.1 -c max_connections=200" >&2
  (
    export RABBITMQ_MNESIA_BASE=$dir/rabbit/mnesia RABBITMQ_LOG_BASE=$dir/rabbit/log RABBITMQ_NODENAME=$node \
      RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 RABBITMQ_NODE_PORT=$amqp_port RABBITMQ_DIST_PORT=$((amqp_port + 20000))
    setsid rabbitmq-server >"$dir/rabbit.out" 2>&1 < /dev/null &
  )
  echo "$node" > "$dir/rabbit-node"
  # await_startup gives up at once while the node has not registered yet, so ask until it answers
  local tries=0
  until rabbitmqctl -n "$node" await_startup --timeout 60 >/dev/null 2>&1; do
    tries=$((tries + 1))
    [ $tries -lt 180 ] || { echo "services: RabbitMQ did not start; see $dir/rabbit.out" >&2; return 1; }
    sleep 1
  done
  echo "export DYAD_SERVICES_DIR=$dir"
  echo "export DYAD_TEST_PG_URL=postgres://dyad@127.0.0.1:$pg_port/postgres"
  echo "export DYAD_TEST_AMQP_URL=amqp://guest:guest@127.0.0.1:$amqp_port/"
}

stop() {
  local dir=${1:-${DYAD_SERVICES_DIR:-}}
  [ -n "$dir" ] && [ -d "$dir" ] || { echo "services: no folder to stop" >&2; return 0; }
  if [ -f "$dir/rabbit-node" ]; then rabbitmqctl -n "$(cat "$dir/rabbit-node")" stop >&2 || true; fi
  if [ -d "$dir/pg/data" ]; then as_user postgres "$(pg_bin)/pg_ctl" -D "$dir/pg/data" -m fast -w stop >&2 || true; fi
  rm -rf "$dir"
}

case "${1:-}" in
  install) install ;;
  start) shift; start "$@" ;;
  stop) shift; stop "$@" ;;
  *) echo "usage: $0 install|start [DIR]|stop [DIR]" >&2; exit 64 ;;
esac
