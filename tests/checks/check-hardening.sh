#!/usr/bin/env bash
# check-hardening.sh BINARY...: PIE, full RELRO, non-executable stack, the
# stack protector and _FORTIFY_SOURCE are in the binaries we ship
# (security requirement 20).
set -euo pipefail
. "$(dirname "$0")/../cli/tap.sh"
for bin in "$@"; do
  name=$(basename "$bin")
  check "$name is PIE" sh -c "readelf -h '$bin' | grep -q 'Type:.*DYN'"
  check "$name has RELRO" sh -c "readelf -lW '$bin' | grep -q GNU_RELRO"
  check "$name binds now" sh -c "readelf -dW '$bin' | grep -qE 'BIND_NOW|FLAGS.*NOW'"
  check "$name has a non-executable stack" sh -c "readelf -lW '$bin' | grep GNU_STACK | grep -qv RWE"
  check "$name uses the stack protector" sh -c "nm -D '$bin' | grep -q __stack_chk_fail"
  check "$name is fortified" sh -c "nm -D '$bin' | grep -qE '__[a-z]+_chk'"
done
finish
