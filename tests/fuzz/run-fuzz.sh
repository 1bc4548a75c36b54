#!/usr/bin/env bash
# run-fuzz.sh TARGET CORPUS [DICT]: one libFuzzer target as a meson test.
#
# 1. Every input of CORPUS (the committed seeds and every earlier finding)
#    is run once: a regression fails at once, naming its file.
# 2. Then the target fuzzes for FUZZ_SECONDS (default 30) from that corpus,
#    new inputs going to a temporary directory (never the source tree).
#    A crash, leak, timeout, GLib critical or broken invariant fails the
#    test; the reproducer is kept in FUZZ_ARTIFACTS (default: a directory
#    under the build tree) and its path printed, with the command that
#    replays it and the way to keep it as a regression input.
#
# FUZZ_SECONDS=0 replays the corpus only. Extra libFuzzer options can be
# given in FUZZ_OPTIONS (e.g. "-jobs=2").
set -euo pipefail
target=$(readlink -f "$1") corpus=$(readlink -f "$2") dict=${3:-}
name=$(basename "$target")
seconds=${FUZZ_SECONDS:-30}
artifacts=${FUZZ_ARTIFACTS:-$(dirname "$target")/artifacts/$name}
mkdir -p "$artifacts"
artifacts=$(readlink -f "$artifacts")
work=$(mktemp -d "${TMPDIR:-/tmp}/$name.XXXXXX")
trap 'rm -rf "$work"' EXIT

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:abort_on_error=1:strict_string_checks=1:allocator_may_return_null=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}
export G_SLICE=always-malloc

common=(-rss_limit_mb=2048 -timeout=10 -max_len=65536 "-artifact_prefix=$artifacts/")
[ -z "$dict" ] || common+=("-dict=$dict")

say_finding() {
  local f
  f=$(ls -t "$artifacts"/crash-* "$artifacts"/leak-* "$artifacts"/timeout-* "$artifacts"/oom-* 2>/dev/null | head -1 || true)
  [ -n "$f" ] || return 0
  echo "# $name: a finding, kept in $f"
  echo "#   replay it:  $target $f"
  echo "#   keep it as a regression input once fixed:  cp $f $corpus/"
}

# 1. the corpus, each input once
if [ -d "$corpus" ] && [ -n "$(ls -A "$corpus")" ]; then
  echo "# $name: replaying $(ls -A "$corpus" | wc -l) inputs of $corpus"
  # each file as its own run: libFuzzer names the one that fails
  if ! find "$corpus" -maxdepth 1 -type f -print0 | sort -z \
       | xargs -0 "$target" "${common[@]}" >"$work/replay.log" 2>&1; then
    tail -n 60 "$work/replay.log"
    echo "# $name: the corpus replay failed on $(grep '^Running: ' "$work/replay.log" | tail -n 1 | cut -d' ' -f2-)"
    exit 1
  fi
fi
[ "$seconds" -gt 0 ] || { echo "# $name: corpus replayed, no fuzzing (FUZZ_SECONDS=0)"; exit 0; }

# 2. fuzz for a bounded time from the corpus
mkdir -p "$work/corpus"
echo "# $name: fuzzing for $seconds s"
# shellcheck disable=SC2086
if ! "$target" "${common[@]}" -max_total_time="$seconds" -print_final_stats=1 \
     ${FUZZ_OPTIONS:-} "$work/corpus" ${corpus:+"$corpus"} >"$work/fuzz.log" 2>&1; then
  tail -n 80 "$work/fuzz.log"
  echo "# $name: FAILED"
  say_finding
  exit 1
fi
grep -E '^#[0-9]+.*(DONE|cov:)' "$work/fuzz.log" | tail -n 1 || true
grep -E 'stat::(number_of_executed_units|average_exec_per_sec|new_units_added)' "$work/fuzz.log" || true
echo "# $name: passed"
