#!/usr/bin/env bash
# scenario-worker.sh: the test bed's scenario reader (tests/bed/scenario.sh)
# as a worker for fuzz-scenario and fuzz-diagnostics. It reads a file name
# a line from standard input and answers one line:
#
#   STATUS<TAB>PROBLEMS
#
# STATUS is scn_validate's exit status (0 accepted, 2 refused; anything
# else is bash failing); PROBLEMS are its message on one line, and for an
# accepted scenario the values the bed would then fail on: every key the
# bed reads as a boolean must be true or false (scn_bool exits 2 on
# anything else, after the bed has started its processes).
set -uo pipefail
. "$1/tests/bed/scenario.sh"

booleans=("card expired" "card clear-after-sign" "service down" "service tls13-only"
          "service drop-after-body" "service trust-signing-ca")

while IFS= read -r file; do
  out=$( (scn_validate "$file") 2>&1 )
  status=$?
  if [ "$status" -eq 0 ]; then
    for gk in "${booleans[@]}"; do
      # shellcheck disable=SC2086
      v=$(scn_get "$file" $gk false)
      case "$v" in true|false) ;; *) out+="BROKEN [${gk% *}] ${gk#* } = $v is no boolean; " ;; esac
    done
  fi
  printf '%s\t%s\n' "$status" "$(printf '%s' "$out" | tr '\n\t' '  ')"
done
