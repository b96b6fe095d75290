#!/usr/bin/env bash
# Builds everything and runs every test suite; the last line is "N passed, N failed[, N skipped]".
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== build"
if ! dotnet build Dyad.slnx -c Release -nologo -v q 2>&1 | tee -a "$log" | grep -E "error|Warn|Elapsed"; then :; fi
if grep -qE " error [A-Z]+[0-9]+" "$log"; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# throwaway PostgreSQL and RabbitMQ on loopback for the store contract and queue tests, when installed
services_dir=""
if [ -z "${DYAD_TEST_PG_URL:-}" ] && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 && [ -x /usr/sbin/rabbitmq-server ]; then
  echo "== starting PostgreSQL and RabbitMQ on 127.0.0.1"
  services_dir=$(mktemp -d /tmp/dyad-services-XXXXXX)
  if exports=$(ci/services.sh start "$services_dir" 2>>"$log"); then
    eval "$exports"
  else
    echo "services did not start; the tests start their own or say why:"
    tail -5 "$log"
    ci/services.sh stop "$services_dir" >/dev/null 2>&1
    services_dir=""
  fi
fi
trap 'rm -f "$log"; [ -n "$services_dir" ] && ci/services.sh stop "$services_dir" >/dev/null 2>&1' EXIT

# the dashboard, for the browser tests (skipped with a message when npm or chromium is missing)
if [ -x web/build.sh ]; then web/build.sh >>"$log" 2>&1 || echo "dashboard build failed; browser tests will say so"; fi

echo "== unit, golden and contract tests"
dotnet test Dyad.slnx -c Release --no-build -nologo --logger "console;verbosity=normal" 2>&1 | tee -a "$log" \
  | grep -E "^\s+(Failed|Skipped) |^Total tests|^ +(Passed|Failed|Skipped): |error|SKIP" || true

# each test project ends with a block: "Total tests: N", "Passed: N", "Failed: N", "Skipped: N"
passed=$(awk '/^ +Passed: +[0-9]+$/ {s+=$2} END {print s+0}' "$log")
failed=$(awk '/^ +Failed: +[0-9]+$/ {s+=$2} END {print s+0}' "$log")
skipped=$(awk '/^ +Skipped: +[0-9]+$/ {s+=$2} END {print s+0}' "$log")
if ! grep -qE "^Total tests: " "$log"; then failed=$((failed + 1)); echo "no test results were reported"; fi
if grep -qE "Test Run Aborted|The active test run was aborted" "$log"; then failed=$((failed + 1)); echo "a test run was aborted"; fi

echo "${passed} passed, ${failed} failed, ${skipped} skipped"
[ "$failed" -eq 0 ]
