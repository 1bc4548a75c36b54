#!/usr/bin/env bash
# test-bundle-to-scenario.sh BUILD SCENARIO: a failing run becomes a
# bundle, the bundle a scenario, and that scenario the same failure.
#  1. the shipped SCENARIO runs in the bed and fails as it names; support's
#     diagnostic bundle of that run is saved (ininjo-cli diagnose --bundle);
#  2. bundle-to-scenario turns the bundle into a scenario, from the
#     bundle's non-personal facts only (the card's tries and state, the
#     service's connection, the last failure's step and reason);
#  3. its [expect] is the shipped scenario's (step, exit status, message),
#     and run in a fresh bed it reproduces that failure.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1 scenario=$2
. "$here/../cli/tap.sh"
. "$here/scenario.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

expect_exit "the shipped scenario fails as it names, and the bundle is saved" 0 \
  bash "$here/run-scenario.sh" --build "$build" --bundle "$work/bundle.tar" "$scenario"
check "the bundle was written" test -s "$work/bundle.tar"
check "it holds the diagnostics and the log" \
  bash -c 'tar -tf "$1" | grep -qx diagnostics.json && tar -tf "$1" | grep -qx ininjo.log' _ "$work/bundle.tar"
tar -xOf "$work/bundle.tar" diagnostics.json > "$work/diagnostics.json"
check "the bundle recorded the failure (last_error)" \
  python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["last_error"]; print("# last_error:", e); sys.exit(0 if e and e["reason"] not in ("other", "-") else 1)' "$work/diagnostics.json"

expect_exit "the bundle converts" 0 python3 "$here/bundle-to-scenario" "$work/bundle.tar" -o "$work/from-bundle.ini"
sed 's/^/# | /' "$work/from-bundle.ini"
expect_exit "the scenario made from it is valid" 0 bash -c '. "$1"; scn_validate "$2"' _ "$here/scenario.sh" "$work/from-bundle.ini"
for key in step exit message; do
  check "its [expect] $key is the shipped scenario's" \
    test "$(scn_get "$work/from-bundle.ini" expect "$key")" = "$(scn_get "$scenario" expect "$key")"
done
check "nothing of the run's person, card or readers is carried over" \
  bash -c '! grep -q -i -e serial -e "Virtual PCD" -e sha256 -e "試験" "$1"' _ "$work/from-bundle.ini"

expect_exit "the scenario made from the bundle reproduces the failure" 0 \
  bash "$here/run-scenario.sh" --build "$build" "$work/from-bundle.ini"
check "with the message the user saw" contains "ok 1 - [expect]"
echo "$out" | grep '^# shows' || true

# the JSON file alone gives the same scenario; a tar without it is refused
expect_exit "diagnostics.json alone converts" 0 python3 "$here/bundle-to-scenario" "$work/diagnostics.json"
check "to the same scenario" bash -c 'diff <(echo "$1" | grep -v "^#") <(grep -v "^#" "$2")' _ "$out" "$work/from-bundle.ini"
tar -C "$work" -cf "$work/empty.tar" from-bundle.ini
expect_exit "a tar without diagnostics.json is refused" 1 python3 "$here/bundle-to-scenario" "$work/empty.tar"
finish
