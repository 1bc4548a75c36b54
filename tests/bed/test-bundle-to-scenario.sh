#!/usr/bin/env bash
# test-bundle-to-scenario.sh BUILD: a hand-made diagnostic bundle (one try
# of the signing password left, a TLS 1.3-only service, the last error the
# card's TLS 1.3 refusal) becomes a scenario, and the scenario checker
# confirms that the scenario reproduces both.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
build=$1
. "$here/../cli/tap.sh"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/bundle"
cp "$here/diagnostics-one-try-tls13.json" "$work/bundle/diagnostics.json"
tar -C "$work" -cf "$work/bundle.tar" bundle

expect_exit "the bundle converts" 0 python3 "$here/bundle-to-scenario" "$work/bundle.tar" -o "$work/scenario.ini"
scn() { . "$here/scenario.sh"; scn_get "$work/scenario.ini" "$@"; }
check "one try left of the signing password" test "$(scn card sign-tries)" = 1
check "a TLS 1.3-only service" test "$(scn service tls13-only)" = true
check "the card's certificate is not made refused (it was never offered)" test -z "$(scn service client-ca)"
check "the expected failure is the connection test's" test "$(scn expect step)" = profile
check "nothing personal (no serial, reader or name) is carried over" \
  bash -c '! grep -q -e 605B739F -e "Virtual PCD" -e serial "$1"' _ "$work/scenario.ini"
expect_exit "the scenario is valid" 0 bash -c '. "$1"; scn_validate "$2"' _ "$here/scenario.sh" "$work/scenario.ini"
expect_exit "the checker confirms it reproduces the bundle" 0 \
  bash "$here/run-scenario.sh" --build "$build" "$work/scenario.ini"
check "the card shows one try left" contains "ok 1 - [expect-card] card"
check "and the TLS 1.3 failure the user saw" contains "ok 2 - [expect] profile"
echo "$out" | grep '^# shows' || true

# a JSON file alone works too, and a bundle without diagnostics.json is an error
expect_exit "diagnostics.json alone" 0 python3 "$here/bundle-to-scenario" "$here/diagnostics-one-try-tls13.json"
check "gives the same scenario" bash -c 'diff <(echo "$1" | grep -v "^#") <(grep -v "^#" "$2")' _ "$out" "$work/scenario.ini"
tar -C "$work" -cf "$work/empty.tar" bundle/../scenario.ini
expect_exit "a bundle without diagnostics.json is refused" 1 python3 "$here/bundle-to-scenario" "$work/empty.tar"
finish
