#!/usr/bin/env bash
# run-scenario.sh [--build DIR] [--keep] [--bundle OUT] FILE: runs a scenario without the
# GUI. The test bed (ininjo-bed.sh --scenario FILE --check) starts the cards
# and the local service once, in the scenario's state and in namespaces of
# its own; ininjo-cli then does each step of the scenario's [expect] groups
# and the step must fail with the message named there. TAP on stdout; exit
# 0 when every expectation holds. A fresh state directory (service
# database, settings, outbox) is used and removed afterwards (--keep: kept,
# its path printed). --bundle OUT: afterwards, the diagnostic bundle of the
# run (ininjo-cli diagnose --bundle) is saved to OUT. The format: tests/bed/README.md
# ("Reproduction scenarios").
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build="" keep="" bundle=()
while [ $# -gt 1 ]; do
  case "$1" in
    --build) build=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    --bundle) bundle=(--bundle "$2"); shift 2 ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || { echo "usage: tests/bed/run-scenario.sh [--build DIR] [--keep] [--bundle OUT] FILE" >&2; exit 2; }
build=${build:-$here/../../build}
state=$(mktemp -d "${TMPDIR:-/tmp}/inj-scenario.XXXXXX")
if [ -n "$keep" ]; then
  echo "# state kept in $state" >&2
else
  trap 'rm -rf "$state"' EXIT
fi
env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
  bash "$here/ininjo-bed.sh" --build "$build" --state "$state" --scenario "$1" --check "${bundle[@]+"${bundle[@]}"}"
