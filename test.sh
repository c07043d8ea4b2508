#!/usr/bin/env bash
# Runs every test of Hookline. On a bare Debian machine it first installs what the tests need
# (PostgreSQL, and Chromium for the browser tests), starts PostgreSQL, and creates the test role; then it builds
# and runs the whole suite.
set -euo pipefail
cd "$(dirname "$0")"

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

need_apt=()
command -v pg_ctlcluster >/dev/null 2>&1 || need_apt+=(postgresql)
# The browser tests drive the distribution's Chromium: Playwright downloads no browser.
[ -x /usr/bin/chromium ] || need_apt+=(chromium)
command -v dotnet >/dev/null 2>&1 || { echo "test.sh: the .NET 10 SDK is required (https://dot.net)"; exit 1; }
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_apt[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

# PostgreSQL: start the first cluster (there is no systemd here) and make a test role.
pg_version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
if [ -z "$pg_version" ]; then echo "test.sh: no PostgreSQL cluster found"; exit 1; fi
if ! pg_lsclusters -h | awk '{print $4}' | grep -q online; then
  $SUDO pg_ctlcluster "$pg_version" main start
fi
for _ in $(seq 1 30); do
  $SUDO su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
  sleep 1
done
# The suite runs many servers at once, each with a pool of up to 30 connections: the default 100 is too few.
if [ "$($SUDO su postgres -c "psql -qtAc 'show max_connections'")" -lt 300 ]; then
  $SUDO su postgres -c "psql -qc 'alter system set max_connections = 300'" >/dev/null
  $SUDO pg_ctlcluster "$pg_version" main restart
  for _ in $(seq 1 30); do
    $SUDO su postgres -c "psql -qtAc 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
fi
$SUDO su postgres -c "psql -qtAc \"select 1 from pg_roles where rolname='hookline_test'\"" | grep -q 1 ||
  $SUDO su postgres -c "psql -qc \"create role hookline_test login createdb password 'hookline_test'\""
port=$(pg_lsclusters -h | awk -v v="$pg_version" '$1==v && $2=="main" {print $3}')
export HOOKLINE_TEST_POSTGRES="Host=127.0.0.1;Port=${port:-5432};Username=hookline_test;Password=hookline_test;Database=postgres"

dotnet build Hookline.slnx -c Release -warnaserror
log=$(mktemp)
status=0
dotnet test Hookline.slnx -c Release --no-build "$@" 2>&1 | tee "$log" || status=$?
shots=tests/Hookline.Tests/bin/Release/net10.0/TestResults/screenshots
if [ -d "$shots" ]; then echo "test.sh: screenshots of the browser tests in $shots"; fi
# One closing line over all test assemblies.
awk '/^(Passed|Failed)!/ { for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1) + 0; if ($i == "Failed:") f += $(i+1) + 0 } }
     END { printf "%d passed, %d failed\n", p, f }' "$log"
rm -f "$log"
exit "$status"
