# scenario.sh: reading a scenario file (the format: tests/bed/README.md).
# Sourced by ininjo-bed.sh, not run. A scenario is a GKeyFile: groups
# [scenario] [card] [agent] [service] [front-end] [client] [expect] [expect-…];
# "key = value" lines, "#" comments, lists separated by ";", booleans
# true/false.

# Every key a group may hold: a misspelt key is an error, not a silent
# default.
declare -A scn_known=(
  [scenario]="name description"
  [card]="persona sign-tries auth-tries locked expired atr token-kind faults latency-ms remove-during clear-after-sign locked-query locked-verify reselect signing sign-pin-ef"
  [agent]="persona sign-tries auth-tries"
  [service]="down tls13-only fail-rate seed delay-ms drop-after-body slow-body-ms verify-delay-ms now server-cert client-ca trust-signing-ca profile-name"
  [front-end]="kind client-ca max-body answer retry-after read-timeout-ms"
  [client]="credential service-ca password pin"
  [expect]="step message plural values text exit"
)

# scn_get FILE GROUP KEY [DEFAULT]: the value (the last one when repeated),
# else DEFAULT.
scn_get() {
  local v
  if v=$(awk -v g="$2" -v k="$3" '
      /^[ \t]*#/ || /^[ \t]*$/ { next }
      /^[ \t]*\[/ { s = $0; sub(/^[ \t]*\[/, "", s); sub(/\][ \t]*$/, "", s); cur = s; next }
      cur == g {
        i = index($0, "="); if (i == 0) next
        key = substr($0, 1, i - 1); gsub(/^[ \t]+|[ \t]+$/, "", key)
        if (key == k) { val = substr($0, i + 1); sub(/^[ \t]+/, "", val); sub(/[ \t]+$/, "", val); found = val; has = 1 }
      }
      END { if (has) print found; else exit 1 }' "$1"); then
    printf '%s' "$v"
  else
    printf '%s' "${4-}"
  fi
}

# scn_bool FILE GROUP KEY: exit 0 when the key is true
scn_bool() {
  case "$(scn_get "$1" "$2" "$3" false)" in
    true) return 0 ;;
    false) return 1 ;;
    *) echo "scenario: [$2] $3 must be true or false" >&2; exit 2 ;;
  esac
}

# scn_list FILE GROUP KEY: the list's items, one a line
scn_list() { scn_get "$1" "$2" "$3" | tr ';' '\n' | sed 's/^[ \t]*//; s/[ \t]*$//; /^$/d'; }

# scn_groups FILE: the groups in file order
scn_groups() { sed -n 's/^[ \t]*\[\(.*\)\][ \t]*$/\1/p' "$1"; }

# scn_validate FILE: exits 2 with a message on an unknown group or key, or
# a value out of its range
scn_validate() {
  local file=$1 group key known bad=""
  [ -r "$file" ] || { echo "scenario: cannot read $file" >&2; exit 2; }
  while IFS=$'\t' read -r group key; do
    case "$group" in
      "") known=UNKNOWN-GROUP ;;  # "[]": no name is no subscript either
      expect-*) known=${scn_known[expect]} ;;
      *) known=${scn_known[$group]-UNKNOWN-GROUP} ;;
    esac
    if [ "$known" = UNKNOWN-GROUP ]; then
      bad+="unknown group [$group]; "
    elif [ -n "$key" ] && [[ " $known " != *" $key "* ]]; then
      bad+="[$group] unknown key $key; "
    fi
  done < <(awk '
      /^[ \t]*#/ || /^[ \t]*$/ { next }
      /^[ \t]*\[/ { s = $0; sub(/^[ \t]*\[/, "", s); sub(/\][ \t]*$/, "", s); cur = s; print cur "\t"; next }
      { i = index($0, "="); key = (i ? substr($0, 1, i - 1) : $0); gsub(/^[ \t]+|[ \t]+$/, "", key); print cur "\t" key }' "$file")
  local v
  for key in sign-tries auth-tries; do
    for group in card agent; do
      v=$(scn_get "$file" "$group" "$key")
      [ -z "$v" ] && continue
      case "$key:$v" in sign-tries:[0-5]|auth-tries:[0-3]) ;; *) bad+="[$group] $key=$v out of range; " ;; esac
    done
  done
  for v in $(scn_list "$file" card locked); do
    case "$v" in sign|auth) ;; *) bad+="[card] locked: $v is neither sign nor auth; " ;; esac
  done
  # what the bed reads as booleans (scn_bool, or "false" against anything
  # else): true or false, here rather than once the bed has started
  for key in "card expired" "card clear-after-sign" "service down" "service tls13-only" \
             "service drop-after-body" "service trust-signing-ca"; do
    v=$(scn_get "$file" ${key% *} ${key#* } absent)
    case "$v" in absent|true|false) ;; *) bad+="[${key% *}] ${key#* }=$v (true or false); " ;; esac
  done
  # the virtual card's switches for what real cards are not known to do
  v=$(scn_get "$file" card locked-query); case "$v" in ""|63C0|6984) ;; *) bad+="[card] locked-query=$v; " ;; esac
  v=$(scn_get "$file" card locked-verify); case "$v" in ""|6983|6984) ;; *) bad+="[card] locked-verify=$v; " ;; esac
  v=$(scn_get "$file" card reselect); case "$v" in ""|clears|keeps) ;; *) bad+="[card] reselect=$v; " ;; esac
  v=$(scn_get "$file" card signing); case "$v" in ""|present|absent) ;; *) bad+="[card] signing=$v; " ;; esac
  v=$(scn_get "$file" card sign-pin-ef); case "$v" in ""|present|absent) ;; *) bad+="[card] sign-pin-ef=$v; " ;; esac
  v=$(scn_get "$file" card remove-during); case "$v" in ""|sign) ;; *) bad+="[card] remove-during=$v (only sign); " ;; esac
  v=$(scn_get "$file" service server-cert default)
  case "$v" in default|unknown-ca|wrong-host) ;; *) bad+="[service] server-cert=$v; " ;; esac
  for v in $(scn_list "$file" service client-ca); do
    case "$v" in card|file) ;; *) bad+="[service] client-ca: $v is neither card nor file; " ;; esac
  done
  v=$(scn_get "$file" front-end kind none); case "$v" in none|nginx) ;; *) bad+="[front-end] kind=$v (none or nginx); " ;; esac
  for v in $(scn_list "$file" front-end client-ca); do
    case "$v" in card|file) ;; *) bad+="[front-end] client-ca: $v is neither card nor file; " ;; esac
  done
  v=$(scn_get "$file" front-end answer); case "$v" in ""|[45][0-9][0-9]) ;; *) bad+="[front-end] answer=$v; " ;; esac
  v=$(scn_get "$file" front-end max-body); case "$v" in ""|[0-9]*[0-9kKmM]) ;; *) bad+="[front-end] max-body=$v; " ;; esac
  for key in retry-after read-timeout-ms; do
    v=$(scn_get "$file" front-end $key); case "$v" in ""|[0-9]*) ;; *) bad+="[front-end] $key=$v; " ;; esac
  done
  if [ "$(scn_get "$file" front-end kind none)" = none ] && [ -n "$(scn_get "$file" front-end client-ca)$(scn_get "$file" front-end max-body)$(scn_get "$file" front-end answer)$(scn_get "$file" front-end read-timeout-ms)" ]; then
    bad+="[front-end] settings without kind = nginx; "
  fi
  v=$(scn_get "$file" client credential card)
  case "$v" in card|file|untrusted-file) ;; *) bad+="[client] credential=$v; " ;; esac
  v=$(scn_get "$file" client service-ca bed); case "$v" in bed|unknown) ;; *) bad+="[client] service-ca=$v; " ;; esac
  for key in password pin; do
    v=$(scn_get "$file" client "$key" right); case "$v" in right|wrong) ;; *) bad+="[client] $key=$v; " ;; esac
  done
  for group in $(scn_groups "$file" | grep -E '^expect(-|$)'); do
    v=$(scn_get "$file" "$group" step)
    case "$v" in card|sign|profile|upload) ;; *) bad+="[$group] step=$v (card, sign, profile or upload); " ;; esac
    [ -n "$(scn_get "$file" "$group" message)$(scn_get "$file" "$group" text)" ] || bad+="[$group] neither message nor text; "
  done
  [ -z "$bad" ] || { echo "scenario $file: ${bad%; }" >&2; exit 2; }
}
