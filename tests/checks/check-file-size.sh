#!/usr/bin/env bash
# check-file-size.sh SRCROOT: no C source or header (tests included) is over
# 800 lines unless one of its first 15 lines gives the reason, in a comment
# holding "Over 800 lines because:". A file that long is usually several
# concerns; the marker makes keeping it whole a decision someone wrote down.
set -euo pipefail
src=$1
limit=${ININJO_MAX_LINES:-800}
marker='Over 800 lines because:'
. "$src/tests/cli/tap.sh"

# The tracked files in a git checkout (build trees are never tracked);
# otherwise (a release tarball) every *.c and *.h outside build trees.
list_sources() {
  if git -C "$src" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    git -C "$src" ls-files -z -- '*.c' '*.h'
  else
    (cd "$src" && find . \( -name 'build*' -o -name '.git' -o -name 'subprojects' \) -prune \
       -o -type f \( -name '*.c' -o -name '*.h' \) -print0 | sed -z 's|^\./||')
  fi
}

checked=0
over=()
while IFS= read -r -d '' f; do
  [ -f "$src/$f" ] || continue          # deleted in the work tree, not yet committed
  checked=$((checked + 1))
  lines=$(wc -l < "$src/$f")
  [ "$lines" -gt "$limit" ] || continue
  head -n 15 "$src/$f" | grep -qF "$marker" && continue
  over+=("$lines $f")
done < <(list_sources)

if [ "$checked" -eq 0 ]; then
  not_ok "C sources found under $src" "no *.c or *.h file was listed"
elif [ ${#over[@]} -eq 0 ]; then
  ok "no C source or header over $limit lines without a reason ($checked files)"
else
  mapfile -t sorted < <(printf '%s\n' "${over[@]}" | sort -rn)
  not_ok "no C source or header over $limit lines without a reason ($checked files)" \
    "${#over[@]} file(s) over $limit lines; split them, or write why in one of the first 15 lines: \"$marker ...\"" \
    "${sorted[@]}"
fi
finish
