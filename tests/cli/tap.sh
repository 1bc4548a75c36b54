# tap.sh: a few TAP helpers for the shell tests. Sourced, not run.
n=0
failed=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $1"; shift; for l in "$@"; do echo "# $l"; done; }
# check DESCRIPTION COMMAND...: passes when COMMAND exits 0
check() { local d=$1; shift; if "$@"; then ok "$d"; else not_ok "$d" "failed: $*"; fi; }
# expect_exit DESCRIPTION CODE COMMAND...: runs COMMAND, keeps its output in $out
expect_exit() {
  local d=$1 want=$2; shift 2
  set +e; out=$("$@" 2>&1); local got=$?; set -e
  if [ "$got" = "$want" ]; then ok "$d"; else not_ok "$d" "exit $got, wanted $want: $*" "$out"; fi
}
contains() { case "$out" in *"$1"*) return 0;; *) echo "# output lacks: $1"; echo "$out" | sed 's/^/#   /'; return 1;; esac; }
lacks() { case "$out" in *"$1"*) echo "# output must not contain: $1"; return 1;; *) return 0;; esac; }
finish() { echo "1..$n"; [ "$failed" -eq 0 ]; }
